namespace SimpleActors.Msrp.Tests.Vectors;

/// <summary>Loads the RFC example bodies copied beside the tests (Vectors/*/SOURCES.md says where each comes from).</summary>
internal static class BodyVector
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Vectors");

    public static byte[] Load(string folder, string name) => File.ReadAllBytes(Path.Combine(Root, folder, name));

    public static IEnumerable<string> Names(string folder, string pattern) =>
        Directory.EnumerateFiles(Path.Combine(Root, folder), pattern).Select(Path.GetFileName).Order()!;
}
