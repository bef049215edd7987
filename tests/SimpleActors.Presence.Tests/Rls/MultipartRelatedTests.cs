using System.Text;
using SimpleActors.Presence.Rls;
using static SimpleActors.Presence.Tests.Text;

namespace SimpleActors.Presence.Tests.Rls;

public class MultipartRelatedTests
{
    [Fact]
    public void The_full_state_body_of_the_rfc_4662_example_is_read_with_its_nested_list()
    {
        // After RFC 4662 section 6, reconstructed.
        var body = MultipartRelated.Read(Rfc4662Example.FullBody(), Rfc4662Example.ContentType);

        Assert.Equal("application/rlmi+xml", body.Type);
        Assert.Equal("nXYxAE@pres.vancouver.example.com", body.Start);
        Assert.Equal(
            ["nXYxAE@pres.vancouver.example.com", "bUZBsM@pres.vancouver.example.com", "ZvSvkz@pres.vancouver.example.com", "1KQhyE@pres.vancouver.example.com"],
            body.Parts.Select(p => p.ContentId));
        Assert.Equal(Rfc4662Example.Crlf(Rfc4662Example.FullRlmi), Encoding.UTF8.GetString(body.Root.Body.Span));
        var rlmi = RlmiReader.Read(body.Root.Body.Span);
        foreach (var cid in rlmi.Resources.SelectMany(r => r.Instances).Select(i => i.Cid).OfType<string>())
        {
            Assert.Contains(body.Parts, p => p.ContentId == cid);
        }

        var nested = body.Parts[3];
        var inner = MultipartRelated.Read(nested.Body.Span, nested.ContentType);
        Assert.Equal(Rfc4662Example.Crlf(Rfc4662Example.NestedBody()), Encoding.UTF8.GetString(nested.Body.Span));
        Assert.Equal("sip:adam-friends@stockholm.example.org", RlmiReader.Read(inner.Root.Body.Span).Uri);
        Assert.Equal("sip:joe@stockholm.example.org", Pidf.Parse(inner.Parts[1].Body.Span).Entity);
    }

    [Fact]
    public void The_writer_frames_with_crlf_exactly_and_names_the_root()
    {
        MimePart[] parts =
        [
            new("root@example.com", "application/rlmi+xml;charset=\"UTF-8\"", Utf8("<list/>")),
            new("p1@example.com", "application/pidf+xml", Utf8("<presence/>")),
        ];

        var (body, contentType) = MultipartRelated.Write(parts, () => "B0undary");

        Assert.Equal(
            "--B0undary\r\nContent-Transfer-Encoding: binary\r\nContent-ID: <root@example.com>\r\nContent-Type: application/rlmi+xml;charset=\"UTF-8\"\r\n\r\n<list/>\r\n"
            + "--B0undary\r\nContent-Transfer-Encoding: binary\r\nContent-ID: <p1@example.com>\r\nContent-Type: application/pidf+xml\r\n\r\n<presence/>\r\n"
            + "--B0undary--\r\n",
            Of(body));
        Assert.Equal("multipart/related;type=\"application/rlmi+xml\";start=\"<root@example.com>\";boundary=B0undary", contentType);
        Assert.Equal(parts, MultipartRelated.Read(body, contentType).Parts);
    }

    [Fact]
    public void A_boundary_that_occurs_in_a_part_is_drawn_again()
    {
        var draws = new Queue<string>(["taken", "free"]);
        MimePart[] parts = [new("a@x", "text/plain", Utf8("this part has taken in it"))];

        var (_, contentType) = MultipartRelated.Write(parts, draws.Dequeue);

        Assert.EndsWith("boundary=free", contentType, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_boundaries_differ()
    {
        MimePart[] parts = [new("a@x", "text/plain", Utf8("x"))];

        Assert.NotEqual(MultipartRelated.Write(parts).ContentType, MultipartRelated.Write(parts).ContentType);
    }

    [Fact]
    public void Preamble_epilogue_padding_folding_and_header_case_are_accepted()
    {
        var body = Utf8("preamble\r\n--b \t\r\ncontent-id:\r\n <a@x>\r\nCONTENT-TYPE: text/plain\r\nX-Other: y\r\n\r\nhello\r\n--b--\r\nepilogue");

        var read = MultipartRelated.Read(body, "Multipart/Related; type=text/plain; boundary=b");

        Assert.Equal([new MimePart("a@x", "text/plain", Utf8("hello"))], read.Parts);
    }

    [Theory]
    [InlineData("--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--", "multipart/related;type=text/plain;boundary=b")]
    [InlineData("--b\r\nContent-ID: <a@x>\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--", "multipart/mixed;type=text/plain;boundary=b")]
    [InlineData("--b\r\nContent-ID: <a@x>\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--", "multipart/related;boundary=b")]
    [InlineData("--b\r\nContent-ID: <a@x>\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--", "multipart/related;type=text/plain")]
    [InlineData("--b\r\nContent-ID: <a@x>\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--", "multipart/related;type=text/html;boundary=b")]
    [InlineData("--b\r\nContent-ID: <a@x>\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--", "multipart/related;type=text/plain;start=\"<z@x>\";boundary=b")]
    [InlineData("--b\r\nContent-ID: <a@x>\r\nContent-Type: text/plain\r\n\r\nx\r\n", "multipart/related;type=text/plain;boundary=b")]
    [InlineData("--b\r\nContent-ID: <a@x>\r\nContent-Type: text/plain\r\n\r\nx\r\n--bx\r\n--b--", "multipart/related;type=text/plain;boundary=b")]
    [InlineData("--b\r\nContent-ID: <a@x>\r\nContent-ID: <c@x>\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--", "multipart/related;type=text/plain;boundary=b")]
    [InlineData("--b\r\nContent-ID: <a@x>\r\nContent-Type: text/plain\r\n\r\nx\r\n--b\r\nContent-ID: <a@x>\r\nContent-Type: text/plain\r\n\r\ny\r\n--b--", "multipart/related;type=text/plain;boundary=b")]
    [InlineData("--b\r\nContent-ID: <a@x>\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\neA==\r\n--b--", "multipart/related;type=text/plain;boundary=b")]
    [InlineData("--b\r\nContent-ID: a@x\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--", "multipart/related;type=text/plain;boundary=b")]
    [InlineData("--b\r\nContent-ID: <a@x>\r\nContent-Type: text/plain\r\nx\r\n--b--", "multipart/related;type=text/plain;boundary=b")]
    [InlineData("--b--", "multipart/related;type=text/plain;boundary=b")]
    [InlineData("", "multipart/related;type=text/plain;boundary=b")]
    [InlineData("--b\r\nContent-ID: <a@x>\r\nContent-Type: multipart/related;type=text/plain;boundary=c\r\n\r\n--c\r\n\r\n--b--", "multipart/related;type=multipart/related;boundary=b")]
    public void Bad_bodies_are_refused_with_a_presence_document_error(string body, string contentType)
    {
        var e = Assert.Throws<PresenceDocumentException>(() => MultipartRelated.Read(Utf8(body), contentType));
        Assert.StartsWith("multipart:", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_is_bounded()
    {
        var parts = new[] { new MimePart("a@x", "text/plain", Utf8("x")) };
        var (body, contentType) = MultipartRelated.Write(parts);
        for (var depth = 0; depth < 10; depth++)
        {
            (body, contentType) = MultipartRelated.Write([new MimePart($"n{depth}@x", contentType, body)]);
        }

        Assert.Equal("multipart: nested too deep", Assert.Throws<PresenceDocumentException>(() => MultipartRelated.Read(body, contentType)).Reason);
        Assert.NotNull(MultipartRelated.Read(body, contentType, new MultipartLimits { MaxDepth = 11 }));
    }

    [Fact]
    public void The_writer_refuses_bad_parts()
    {
        Assert.Throws<ArgumentException>(() => MultipartRelated.Write([]));
        Assert.Throws<ArgumentException>(() => MultipartRelated.Write([new MimePart("a b", "text/plain", default)]));
        Assert.Throws<ArgumentException>(() => MultipartRelated.Write([new MimePart("a", "text/plain", default), new MimePart("a", "text/plain", default)]));
        Assert.Throws<ArgumentException>(() => MultipartRelated.Write([new MimePart("a", "text/plain\r\nX: y", default)]));
        Assert.Throws<ArgumentException>(() => MultipartRelated.Write([new MimePart("a", "not a type", default)]));
    }
}
