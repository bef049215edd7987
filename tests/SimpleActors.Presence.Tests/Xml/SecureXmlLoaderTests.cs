using System.Text;

namespace SimpleActors.Presence.Tests.Xml;

/// <summary>What the XML readers of PIDF and watcher-info share: bytes the BCL reader fails on are a rejected document.</summary>
public class SecureXmlLoaderTests
{
    /// <summary>
    /// Found by the pidf and winfo fuzz targets (docs/reliability.md): an XML declaration running on into undecodable bytes
    /// made System.Xml's reader throw ArgumentOutOfRangeException (a negative count in ReadData after SwitchEncoding),
    /// which escaped both readers; a PUBLISH with such a body was answered 500.
    /// </summary>
    [Theory]
    [InlineData("pidf", "<presence/>")]
    [InlineData("winfo", "<watcherinfo/>")]
    public void A_declaration_running_into_undecodable_bytes_is_a_rejected_document(string reader, string root)
    {
        byte[] document = [.. "<?xml version=\"1.0"u8, .. Enumerable.Repeat((byte)0xF8, 100), .. Encoding.ASCII.GetBytes("\"?>" + root)];

        var error = Assert.Throws<PresenceDocumentException>(() => _ = reader == "pidf" ? Pidf.Parse(document) : (object)WatcherInfo.Parse(document));

        Assert.EndsWith("not well-formed XML", error.Reason, StringComparison.Ordinal);
    }
}
