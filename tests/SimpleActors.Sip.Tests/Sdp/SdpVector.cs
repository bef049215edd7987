using SimpleActors.Sip.Sdp;

namespace SimpleActors.Sip.Tests.Sdp;

/// <summary>Loads the SDP examples copied beside the tests (Vectors/sdp, attributed in Vectors/SOURCES.md).</summary>
internal static class SdpVector
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Vectors", "sdp");

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(Root, name + ".sdp"));

    public static SessionDescription Read(string name) => SessionDescription.Parse(Bytes(name));

    public static IEnumerable<string> Names()
        => Directory.EnumerateFiles(Root, "*.sdp").Select(Path.GetFileNameWithoutExtension).Order()!;

    /// <summary>The text with LF line ends turned into CRLF.</summary>
    public static string Crlf(string text) => text.ReplaceLineEndings("\r\n");
}
