namespace SimpleActors.Edge.Tests.Auth;

/// <summary>The shipped <c>config/users.json</c>, found from the test binary by walking up to the solution.</summary>
internal static class ShippedUsersFile
{
    public static string Path
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(directory.FullName, "SimpleActors.sln")))
                {
                    return System.IO.Path.Combine(directory.FullName, "config", "users.json");
                }
            }

            throw new InvalidOperationException("SimpleActors.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
