namespace SimpleActors.Msrp.Tests.Vectors;

/// <summary>Loads the example frames copied beside the tests (Vectors/SOURCES.md).</summary>
internal static class MsrpVector
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Vectors");

    public static byte[] Load(string name) => File.ReadAllBytes(Path.Combine(Root, name));

    /// <summary>Every vector, as "folder/file".</summary>
    public static IEnumerable<string> Names()
        => Directory.EnumerateFiles(Root, "*.msrp", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    public static TheoryData<string> All()
    {
        var data = new TheoryData<string>();
        foreach (var name in Names())
        {
            data.Add(name);
        }

        return data;
    }
}
