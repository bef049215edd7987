using SimpleActors.Msrp.Message;
using SimpleActors.Msrp.Parsing;

namespace SimpleActors.Msrp.Tests.Message;

public class MsrpHeaderCollectionTests
{
    private static MsrpRequest Send() => new("a786hjs2", MsrpMethod.Send, [Sample.Bob], [Sample.Alice]);

    [Fact]
    public void Typed_headers_are_written_as_lines_and_read_back()
    {
        var send = Send();
        send.MessageId = "87652491";
        send.ByteRange = new MsrpByteRange(1, null, null);
        send.SuccessReport = true;
        send.FailureReport = MsrpFailureReport.Partial;
        send.ContentType = "text/plain; charset=utf-8";
        send.Expires = 600;
        send.MinExpires = 30;
        send.MaxExpires = 3600;
        send.UsePath = [Sample.Relay, Sample.Bob];
        send.Status = new MsrpStatus(200, "OK");
        send.WwwAuthenticate = "Digest realm=\"r\"";
        send.Authorization = "Digest username=\"u\"";
        send.AuthenticationInfo = "nextnonce=\"n\"";

        Assert.Equal(
            [
                "Message-ID: 87652491", "Byte-Range: 1-*/*", "Success-Report: yes", "Failure-Report: partial",
                "Content-Type: text/plain; charset=utf-8", "Expires: 600", "Min-Expires: 30", "Max-Expires: 3600",
                "Use-Path: msrps://relay.example.com:2855/hjdhfha;tcp msrp://bob.example.com:8493/si438dsaodes;tcp",
                "Status: 000 200 OK", "WWW-Authenticate: Digest realm=\"r\"", "Authorization: Digest username=\"u\"",
                "Authentication-Info: nextnonce=\"n\"",
            ],
            send.Headers.Select(h => h.ToString()));
        Assert.Equal(new MsrpByteRange(1, null, null), send.ByteRange);
        Assert.True(send.SuccessReport);
        Assert.Equal(MsrpFailureReport.Partial, send.FailureReport);
        Assert.Equal(3600, send.MaxExpires);
        Assert.Equal([Sample.Relay, Sample.Bob], send.UsePath);
        Assert.Equal(new MsrpStatus(200, "OK"), send.Status);
    }

    [Fact]
    public void Setting_a_header_again_replaces_it_in_place_and_null_removes_it()
    {
        var send = Send();
        send.MessageId = "first";
        send.ContentType = "text/plain";
        send.MessageId = "second";

        Assert.Equal(["Message-ID: second", "Content-Type: text/plain"], send.Headers.Select(h => h.ToString()));

        send.MessageId = null;
        Assert.Null(send.MessageId);
        Assert.Single(send.Headers);
    }

    [Fact]
    public void Unknown_and_mime_headers_are_kept_in_order_and_names_are_matched_case_insensitively()
    {
        var headers = Send().Headers;
        headers.Add("Content-Disposition", "inline");
        headers.Add("X-Custom", "  spaced value\t");
        headers.Add("X-Custom", "again");
        headers.Add("content-type", "text/plain");

        Assert.Equal(["Content-Disposition", "X-Custom", "X-Custom", "Content-Type"], headers.Select(h => h.Name));
        Assert.Equal("spaced value", headers.Get("x-custom"));
        Assert.True(headers.Remove("X-CUSTOM"));
        Assert.False(headers.Contains("X-Custom"));
    }

    [Theory]
    [InlineData("To-Path", "msrp://h.example.com/s;tcp")]
    [InlineData("from-path", "msrp://h.example.com/s;tcp")]
    [InlineData("Byte-Range", "1-x/5")]
    [InlineData("Message-ID", "has space")]
    [InlineData("Success-Report", "maybe")]
    [InlineData("Failure-Report", "sometimes")]
    [InlineData("Status", "200 OK")]
    [InlineData("Content-Type", "text")]
    [InlineData("Expires", "-5")]
    [InlineData("Use-Path", "msrp://no-transport.example.com/s")]
    [InlineData("WWW-Authenticate", "")]
    [InlineData("1Bad", "x")]
    [InlineData("Bad Name", "x")]
    [InlineData("X-Custom", "line\r\nbreak")]
    public void A_header_the_parser_would_refuse_cannot_be_added(string name, string value)
        => Assert.Throws<ArgumentException>(() => Send().Headers.Add(name, value));

    [Fact]
    public void A_known_header_appears_once_but_a_relay_may_offer_several_challenges()
    {
        var headers = Send().Headers;
        headers.Add("Message-ID", "one");
        Assert.Throws<ArgumentException>(() => headers.Add("Message-ID", "two"));

        headers.Add("WWW-Authenticate", "Digest realm=\"a\", algorithm=SHA-256");
        headers.Add("WWW-Authenticate", "Digest realm=\"a\", algorithm=MD5");
        Assert.Equal(3, headers.Count);
    }

    [Fact]
    public void Absent_headers_read_as_null()
    {
        var send = Send();

        Assert.Null(send.ByteRange);
        Assert.Null(send.SuccessReport);
        Assert.Null(send.FailureReport);
        Assert.Null(send.Status);
        Assert.Null(send.Expires);
        Assert.Null(send.UsePath);
        Assert.Null(send.ContentType);
    }

    [Fact]
    public void An_expiry_past_int_range_reads_as_the_largest_int_for_the_relay_to_find_out_of_bounds()
    {
        var parsed = new MsrpParser().Parse(
            "MSRP 49fh AUTH\r\nTo-Path: msrps://relay.example.com;tcp\r\nFrom-Path: msrps://a.example.com:1/s;tcp\r\nExpires: 99999999999999999999\r\n-------49fh$\r\n"u8);

        Assert.Equal(int.MaxValue, parsed.Expires);
    }
}
