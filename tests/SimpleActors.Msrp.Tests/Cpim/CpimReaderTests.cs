using System.Text;
using SimpleActors.Msrp.Cpim;
using SimpleActors.Msrp.Tests.Vectors;

namespace SimpleActors.Msrp.Tests.Cpim;

public class CpimReaderTests
{
    private static CpimMessage Read(string text) => CpimReader.Read(Encoding.UTF8.GetBytes(text));

    private static string Rejection(string text) => Assert.Throws<CpimFormatException>(() => Read(text)).Reason;

    [Fact]
    public void The_RFC_3862_example_reads_header_by_header()
    {
        var message = CpimReader.Read(BodyVector.Load("cpim", "rfc3862-example.cpim"));

        Assert.Equal(new CpimAddress("MR SANDERS", "im:piglet@100akerwood.com"), message.From);
        Assert.Equal([new CpimAddress("Depressed Donkey", "im:eeyore@100akerwood.com")], message.To);
        Assert.Empty(message.Cc);
        Assert.Equal(new DateTimeOffset(2000, 12, 13, 13, 40, 0, TimeSpan.FromHours(-8)), message.DateTime);
        Assert.Equal(TimeSpan.FromHours(-8), message.DateTime!.Value.Offset);
        Assert.Equal(
            [new CpimSubject("the weather will be fine today"), new CpimSubject("beau temps prevu pour aujourd'hui", "fr")],
            message.Subjects);
        Assert.Equal([new CpimNamespace("MyFeatures", "mid:MessageFeatures@id.foo.com")], message.Namespaces);
        Assert.Equal(["MyFeatures.VitalMessageOption"], message.Require);
        Assert.Equal(
            [
                new CpimHeader("MyFeatures", "VitalMessageOption", "mid:MessageFeatures@id.foo.com", "Confirmation-requested"),
                new CpimHeader("MyFeatures", "WackyMessageOption", "mid:MessageFeatures@id.foo.com", "Use-silly-font"),
            ],
            message.Extensions);
        Assert.Equal([new MimeHeader("Content-Type", "text/xml; charset=utf-8"), new MimeHeader("Content-ID", "<1234567890@foo.com>")], message.MimeHeaders);
        Assert.Equal("text/xml; charset=utf-8", message.ContentType);
        Assert.Equal("<body>\r\nHere is the text of my message.\r\n</body>", Encoding.UTF8.GetString(message.Content.Span));
    }

    [Fact]
    public void The_MIME_header_names_come_out_in_canonical_case()
    {
        var message = CpimReader.Read(BodyVector.Load("cpim", "rfc3862-example.cpim"));

        Assert.Equal("Content-Type", message.MimeHeaders[0].Name);
    }

    [Fact]
    public void A_minimal_message_has_From_To_and_Content_Type()
    {
        var message = CpimReader.Read(BodyVector.Load("cpim", "rfc3862-minimal.cpim"));

        Assert.Equal(new CpimAddress("im:piglet@100akerwood.com"), message.From);
        Assert.Null(message.From.DisplayName);
        Assert.Null(message.DateTime);
        Assert.Equal("text/plain", message.ContentType);
        Assert.Equal("Hello\r\n"u8.ToArray(), message.Content.ToArray());
    }

    [Fact]
    public void Namespaced_headers_keep_their_namespace_and_cc_is_read()
    {
        var message = CpimReader.Read(BodyVector.Load("cpim", "rfc3862-namespaces.cpim"));

        Assert.Equal([new CpimAddress("im:pooh@100akerwood.com")], message.Cc);
        var header = message.Extension("mid:MessageFeatures@id.foo.com", "MyHeader");
        Assert.NotNull(header);
        Assert.Equal("MyAlias.MyHeader", header.FullName);
        Assert.Equal("private-extension-data", header.Value);
        Assert.Equal(["MyAlias.VitalHeader"], message.Require);
    }

    [Fact]
    public void An_IMDN_request_reads_its_imdn_headers_by_namespace()
    {
        var message = CpimReader.Read(BodyVector.Load("cpim", "rfc5438-request.cpim"));

        Assert.Equal("34jk324j", message.Extension("urn:ietf:params:imdn", "Message-ID")?.Value);
        Assert.Equal("positive-delivery, negative-delivery", message.Extension("urn:ietf:params:imdn", "Disposition-Notification")?.Value);
        Assert.Equal("Content-Length", message.MimeHeaders[1].Name);
    }

    [Fact]
    public void Content_is_every_byte_after_the_MIME_headers_binary_included()
    {
        byte[] content = [0, 13, 10, 13, 10, 255, 0xC3, 0x28, 1, 2, 3, 13, 10];
        var body = Encoding.ASCII.GetBytes("From: <im:a@b>\r\nTo: <im:c@d>\r\n\r\nContent-Type: application/octet-stream\r\n\r\n").Concat(content).ToArray();

        var message = CpimReader.Read(body);

        Assert.Equal(content, message.Content.ToArray());
    }

    [Fact]
    public void Empty_content_is_allowed()
    {
        var message = Read("From: <im:a@b>\r\nTo: <im:c@d>\r\n\r\nContent-Type: text/plain\r\n\r\n");

        Assert.True(message.Content.IsEmpty);
    }

    [Fact]
    public void Quoted_display_names_are_unescaped()
    {
        var message = Read("From: \"Winnie \\\"the\\\" Pooh \\u00E9\" <im:pooh@100akerwood.com>\r\nTo: Tigger<im:t@100akerwood.com>\r\n\r\nContent-Type: text/plain\r\n\r\n");

        Assert.Equal("Winnie \"the\" Pooh é", message.From.DisplayName);
        Assert.Equal("Tigger", message.To[0].DisplayName);
    }

    [Fact]
    public void Values_are_UTF_8_and_escapes_are_decoded()
    {
        var message = Read("From: Zoë <im:z@example.com>\r\nTo: <im:c@d>\r\nSubject: line\\r\\nbreak \\\\ tab\\t ü\r\n\r\nContent-Type: text/plain\r\n\r\n");

        Assert.Equal("Zoë", message.From.DisplayName);
        Assert.Equal("line\r\nbreak \\ tab\t ü", message.Subjects[0].Text);
    }

    [Fact]
    public void RFC_3862_header_names_are_matched_without_case()
    {
        var message = Read("from: <im:a@b>\r\nTO: <im:c@d>\r\nCC: <im:e@f>\r\ndatetime: 2000-12-13T13:40:00Z\r\n\r\ncontent-type: text/plain\r\n\r\n");

        Assert.Equal("im:a@b", message.From.Uri);
        Assert.Single(message.Cc);
        Assert.NotNull(message.DateTime);
        Assert.Equal("text/plain", message.ContentType);
    }

    [Fact]
    public void Unprefixed_unknown_headers_are_in_the_default_namespace()
    {
        var message = Read("From: <im:a@b>\r\nTo: <im:c@d>\r\nX-Thing:;p=\"q r\";n=1 value\r\n\r\nContent-Type: text/plain\r\n\r\n");

        var header = Assert.Single(message.Extensions);
        Assert.Null(header.Prefix);
        Assert.Equal(CpimMessage.DefaultNamespace, header.NamespaceUri);
        Assert.Equal([new CpimParameter("p", "q r"), new CpimParameter("n", "1")], header.Parameters);
        Assert.Equal("value", header.Value);
    }

    [Fact]
    public void Folded_MIME_headers_are_unfolded()
    {
        var message = Read("From: <im:a@b>\r\nTo: <im:c@d>\r\n\r\nContent-Type: text/plain;\r\n\tcharset=utf-8\r\n\r\nx");

        Assert.Equal("text/plain;\tcharset=utf-8", message.ContentType);
    }

    [Fact]
    public void Several_Require_headers_add_up()
    {
        var message = Read("From: <im:a@b>\r\nTo: <im:c@d>\r\nRequire: A.b, C.d\r\nRequire: e\r\n\r\nContent-Type: text/plain\r\n\r\n");

        Assert.Equal(["A.b", "C.d", "e"], message.Require);
    }

    [Theory]
    [InlineData("To: <im:c@d>\r\n\r\nContent-Type: text/plain\r\n\r\n", "CPIM: no From header")]
    [InlineData("From: <im:a@b>\r\n\r\nContent-Type: text/plain\r\n\r\n", "CPIM: no To header")]
    [InlineData("From: <im:a@b>\r\nFrom: <im:a@b>\r\nTo: <im:c@d>\r\n\r\nContent-Type: text/plain\r\n\r\n", "CPIM: more than one From header")]
    [InlineData("From: <im:a@b>\r\nTo: <im:c@d>\r\n\r\nContent-ID: <x>\r\n\r\n", "CPIM: no Content-Type")]
    [InlineData("From: <im:a@b>\r\nTo: <im:c@d>\r\n\r\nContent-Type: a/b\r\ncontent-type: a/b\r\n\r\n", "CPIM: more than one Content-Type")]
    [InlineData("From: <im:a@b>\r\nTo: <im:c@d>\r\n\r\nContent-Type: text/plain\r\n", "CPIM: MIME headers not ended by a blank line")]
    [InlineData("From: <im:a@b>\r\nTo: <im:c@d>\r\n", "CPIM: message headers not ended by a blank line")]
    [InlineData("", "CPIM: message headers not ended by a blank line")]
    [InlineData("From: <im:a@b>\nTo: <im:c@d>\r\n\r\nContent-Type: text/plain\r\n\r\n", "CPIM: line not ended by CRLF")]
    [InlineData("From: <im:a@b>\r\nTo: <im:c@d>\r\n\r\nContent-Type: text/plain\n\r\n", "CPIM: line not ended by CRLF")]
    [InlineData("From: im:a@b\r\nTo: <im:c@d>\r\n\r\nContent-Type: text/plain\r\n\r\n", "CPIM: From: no <URI>")]
    [InlineData("From: <im:a@b> x\r\nTo: <im:c@d>\r\n\r\nContent-Type: text/plain\r\n\r\n", "CPIM: From: text after the URI")]
    [InlineData("From: <not a uri>\r\nTo: <im:c@d>\r\n\r\nContent-Type: text/plain\r\n\r\n", "CPIM: From: malformed URI")]
    [InlineData("From: \"open <im:a@b>\r\nTo: <im:c@d>\r\n\r\nContent-Type: text/plain\r\n\r\n", "CPIM: From: unterminated quoted string")]
    [InlineData("From: <im:a@b>\r\nTo: <im:c@d>\r\nDateTime: yesterday\r\n\r\nContent-Type: text/plain\r\n\r\n", "CPIM: DateTime not an RFC 3339 date-time")]
    [InlineData("From: <im:a@b>\r\nTo: <im:c@d>\r\nSubject: bad \\q escape\r\n\r\nContent-Type: text/plain\r\n\r\n", "CPIM: Subject: bad escape sequence")]
    [InlineData("From: <im:a@b>\r\nTo: <im:c@d>\r\nSubject:;lang=not_a_tag x\r\n\r\nContent-Type: text/plain\r\n\r\n", "CPIM: Subject: bad parameter")]
    [InlineData("From:;x=y <im:a@b>\r\nTo: <im:c@d>\r\n\r\nContent-Type: text/plain\r\n\r\n", "CPIM: parameters on From")]
    [InlineData("From: <im:a@b>\r\nTo: <im:c@d>\r\nimdn.Message-ID: 1\r\n\r\nContent-Type: text/plain\r\n\r\n", "CPIM: header prefix not declared by an earlier NS header")]
    [InlineData("From: <im:a@b>\r\nTo: <im:c@d>\r\nimdn.Message-ID: 1\r\nNS: imdn <urn:ietf:params:imdn>\r\n\r\nContent-Type: text/plain\r\n\r\n", "CPIM: header prefix not declared by an earlier NS header")]
    [InlineData("From: <im:a@b>\r\nTo: <im:c@d>\r\nNS: a <urn:x>\r\nNS: a <urn:y>\r\n\r\nContent-Type: text/plain\r\n\r\n", "CPIM: NS: prefix declared twice")]
    [InlineData("From: <im:a@b>\r\nTo: <im:c@d>\r\nNS: <urn:x>\r\n\r\nContent-Type: text/plain\r\n\r\n", "CPIM: NS without a prefix is not supported")]
    [InlineData("From: <im:a@b>\r\nTo: <im:c@d>\r\nRequire: a..b\r\n\r\nContent-Type: text/plain\r\n\r\n", "CPIM: Require: malformed header name")]
    [InlineData("From: <im:a@b>\r\nTo: <im:c@d>\r\nBad Name: x\r\n\r\nContent-Type: text/plain\r\n\r\n", "CPIM: malformed header name")]
    [InlineData("From: <im:a@b>\r\nTo: <im:c@d>\r\nX:y\r\n\r\nContent-Type: text/plain\r\n\r\n", "CPIM: no space after a header name")]
    [InlineData("From: <im:a@b>\r\nTo: <im:c@d>\r\nX: tab\there\r\n\r\nContent-Type: text/plain\r\n\r\n", "CPIM: control character in a header")]
    [InlineData("From: <im:a@b>\r\nTo: <im:c@d>\r\n\r\n continued\r\n\r\n", "CPIM: MIME header continuation without a header")]
    [InlineData("From: <im:a@b>\r\nTo: <im:c@d>\r\n\r\nno colon\r\n\r\n", "CPIM: malformed MIME header")]
    public void Malformed_messages_are_refused_with_a_reason(string text, string reason) => Assert.Equal(reason, Rejection(text));

    [Fact]
    public void Header_values_that_are_not_UTF_8_are_refused()
    {
        var body = Encoding.ASCII.GetBytes("From: <im:a@b>\r\nTo: <im:c@d>\r\nSubject: x\r\n\r\nContent-Type: text/plain\r\n\r\n");
        body[Array.IndexOf(body, (byte)'x')] = 0xC3;

        Assert.Equal("CPIM: header not UTF-8", Assert.Throws<CpimFormatException>(() => CpimReader.Read(body)).Reason);
    }

    [Fact]
    public void The_limits_are_enforced()
    {
        var limits = new CpimLimits { MaxHeaders = 3, MaxLineBytes = 40, MaxHeaderBytes = 100 };
        const string mime = "\r\nContent-Type: text/plain\r\n\r\n";

        Assert.Equal("CPIM: too many headers", Assert.Throws<CpimFormatException>(
            () => CpimReader.Read(Encoding.ASCII.GetBytes("From: <im:a@b>\r\nTo: <im:c@d>\r\nTo: <im:e@f>\r\nTo: <im:g@h>\r\n" + mime), limits)).Reason);
        Assert.Equal("CPIM: header line too long", Assert.Throws<CpimFormatException>(
            () => CpimReader.Read(Encoding.ASCII.GetBytes("From: <im:" + new string('a', 40) + "@b>\r\nTo: <im:c@d>\r\n" + mime), limits)).Reason);
        Assert.Equal("CPIM: headers too large", Assert.Throws<CpimFormatException>(
            () => CpimReader.Read(Encoding.ASCII.GetBytes("From: <im:aaaaaaaaaaaaaaaaaaaaaaa@b>\r\nTo: <im:cccccccccccccccccccccccc@d>\r\n\r\nContent-Type: text/plaintext/plain\r\n\r\n"), limits)).Reason);
    }

    [Fact]
    public void A_body_without_line_ends_is_refused_after_one_line_length()
    {
        var body = new byte[1_000_000];
        Array.Fill(body, (byte)'a');

        Assert.Equal("CPIM: header line too long", Assert.Throws<CpimFormatException>(() => CpimReader.Read(body)).Reason);
    }
}
