using System.IO.Compression;
using System.Text;
using SimpleActors.Sip.Message;

namespace SimpleActors.Sip.Tests.Message;

public class ContentCodingTests
{
    private const string List = """<resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists"><list><entry uri="sip:bob@example.com"/></list></resource-lists>""";

    private static byte[] Compressed(byte[] data, bool zlib)
    {
        var output = new MemoryStream();
        using (Stream deflater = zlib ? new ZLibStream(output, CompressionLevel.Optimal) : new DeflateStream(output, CompressionLevel.Optimal))
        {
            deflater.Write(data);
        }

        return output.ToArray();
    }

    private static string Text(ContentCoding.Decoded decoded) => Encoding.UTF8.GetString(decoded.Body.Span);

    [Fact]
    public void A_zlib_deflate_body_as_liblinphone_sends_it_is_decoded()
    {
        var decoded = ContentCoding.Decode(["deflate"], Compressed(Encoding.UTF8.GetBytes(List), zlib: true), 61440);

        Assert.False(decoded.IsRefused);
        Assert.Equal(List, Text(decoded));
    }

    [Fact]
    public void A_raw_deflate_body_is_decoded_when_it_is_not_zlib_format()
    {
        var decoded = ContentCoding.Decode(["Deflate"], Compressed(Encoding.UTF8.GetBytes(List), zlib: false), 61440);

        Assert.False(decoded.IsRefused);
        Assert.Equal(List, Text(decoded));
    }

    [Theory]
    [InlineData("\"x")]
    [InlineData("RE89abcdef\", algorithm=MD5")]
    [InlineData("\"a\u0013b\"")]
    public void A_content_encoding_list_the_grammar_refuses_is_a_400_not_an_exception(string value)
    {
        // Found by the edge fuzz target (tests/fuzz/corpus/edge/regression-content-encoding-quote): the list's parse
        // error escaped the decoder and the request was answered 500.
        var decoded = ContentCoding.Decode([value], Encoding.UTF8.GetBytes(List), 61440);

        Assert.True(decoded.IsRefused);
        Assert.Equal(400, decoded.Status);
    }

    [Fact]
    public void Identity_and_no_coding_leave_the_body_as_it_is()
    {
        var body = Encoding.UTF8.GetBytes(List);

        Assert.Equal(List, Text(ContentCoding.Decode(["identity"], body, 61440)));
        Assert.Equal(List, Text(ContentCoding.Decode([], body, 61440)));
    }

    [Fact]
    public void Codings_are_undone_from_the_last_applied()
    {
        var twice = Compressed(Compressed(Encoding.UTF8.GetBytes(List), zlib: false), zlib: true);

        Assert.Equal(List, Text(ContentCoding.Decode(["deflate, identity", "deflate"], twice, 61440)));
    }

    [Fact]
    public void An_unknown_coding_is_refused_with_415()
    {
        // RFC 3261 section 8.2.3: the UAS rejects what it does not understand, listing Accept-Encoding (the caller adds it).
        var decoded = ContentCoding.Decode(["deflate, gzip"], Compressed(Encoding.UTF8.GetBytes(List), zlib: true), 61440);

        Assert.Equal(415, decoded.Status);
        Assert.Contains("gzip", decoded.Reason, StringComparison.Ordinal);
        Assert.Equal("identity, deflate", ContentCoding.Accepted);
    }

    [Fact]
    public void A_compression_bomb_is_refused_with_413_past_the_body_size_limit()
    {
        var bomb = Compressed(new byte[10 * 1024 * 1024], zlib: true);

        var decoded = ContentCoding.Decode(["deflate"], bomb, 61440);

        Assert.True(bomb.Length < 61440);
        Assert.Equal(413, decoded.Status);
    }

    [Fact]
    public void A_body_that_decodes_to_exactly_the_limit_is_accepted()
    {
        var decoded = ContentCoding.Decode(["deflate"], Compressed(new byte[1000], zlib: true), 1000);

        Assert.False(decoded.IsRefused);
        Assert.Equal(1000, decoded.Body.Length);
        Assert.Equal(413, ContentCoding.Decode(["deflate"], Compressed(new byte[1001], zlib: true), 1000).Status);
    }

    [Fact]
    public void A_body_that_is_not_deflate_data_is_refused_with_400()
    {
        var decoded = ContentCoding.Decode(["deflate"], Encoding.UTF8.GetBytes("\xff\xff\xff not compressed at all"), 61440);

        Assert.Equal(400, decoded.Status);
    }

    [Fact]
    public void An_empty_body_with_a_coding_stays_empty()
    {
        // liblinphone's unsubscribe keeps Content-Encoding: deflate and has no body.
        var decoded = ContentCoding.Decode(["deflate"], ReadOnlyMemory<byte>.Empty, 61440);

        Assert.False(decoded.IsRefused);
        Assert.True(decoded.Body.IsEmpty);
    }
}
