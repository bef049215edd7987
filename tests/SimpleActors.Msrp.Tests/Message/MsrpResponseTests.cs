using SimpleActors.Msrp.Addressing;
using SimpleActors.Msrp.Message;
using SimpleActors.Msrp.Parsing;

namespace SimpleActors.Msrp.Tests.Message;

public class MsrpResponseTests
{
    private static readonly MsrpUri Relay1 = MsrpUri.Parse("msrps://relay1.example.com:2855/r1;tcp");
    private static readonly MsrpUri Relay2 = MsrpUri.Parse("msrps://relay2.example.com:2855/r2;tcp");

    [Fact]
    public void A_send_is_answered_to_the_previous_hop_only_from_this_hop()
    {
        // RFC 4975 section 7.2: SEND responses go hop by hop.
        var send = new MsrpRequest("tx12ab", MsrpMethod.Send, [Relay2, Sample.Bob], [Relay1, Sample.Alice]);

        var response = MsrpResponse.ForRequest(send, 200);

        Assert.Equal("tx12ab", response.TransactionId);
        Assert.Equal(200, response.StatusCode);
        Assert.Equal("OK", response.Comment);
        Assert.Equal([Relay1], response.ToPath);
        Assert.Equal([Relay2], response.FromPath);
    }

    [Fact]
    public void Another_method_is_answered_along_the_whole_from_path_from_the_endpoint()
    {
        var nickname = new MsrpRequest("tx12ab", MsrpMethod.Nickname, [Relay2, Sample.Bob], [Relay1, Sample.Alice]);

        var response = MsrpResponse.ForRequest(nickname, 403, "No");

        Assert.Equal([Relay1, Sample.Alice], response.ToPath);
        Assert.Equal([Sample.Bob], response.FromPath);
        Assert.Equal("No", response.Comment);
    }

    [Fact]
    public void The_responder_can_name_itself()
    {
        var send = new MsrpRequest("tx12ab", MsrpMethod.Send, [Sample.Bob], [Sample.Alice]);

        Assert.Equal([Sample.Relay], MsrpResponse.ForRequest(send, 481, responder: Sample.Relay).FromPath);
    }

    [Fact]
    public void A_report_is_never_answered()
    {
        var report = new MsrpRequest("tx12ab", MsrpMethod.Report, [Sample.Bob], [Sample.Alice]);

        Assert.Throws<InvalidOperationException>(() => MsrpResponse.ForRequest(report, 200));
    }

    [Fact]
    public void A_refused_request_with_readable_paths_is_answered_with_the_refusal()
    {
        var bytes = "MSRP a786hjs2 SEND\r\nTo-Path: msrp://bob.example.com:8493/si438dsaodes;tcp\r\nFrom-Path: msrp://alice.example.com:7394/2s93i9ek2a;tcp\r\nByte-Range: x\r\n-------a786hjs2$\r\n"u8.ToArray();
        var error = Assert.Throws<MsrpParseException>(() => new MsrpParser().Parse(bytes));

        var response = MsrpResponse.ForRejected(error);

        Assert.NotNull(response);
        Assert.Equal("MSRP a786hjs2 400 Malformed Byte-Range", response.StartLine);
        Assert.Equal([Sample.Alice], response.ToPath);
        Assert.Equal([Sample.Bob], response.FromPath);
    }

    [Fact]
    public void Codes_of_the_rfcs_have_their_usual_comment()
    {
        Assert.Equal("Bad Request", MsrpResponse.StandardComment(MsrpStatusCode.BadRequest));
        Assert.Equal("Unknown Method", MsrpResponse.StandardComment(MsrpStatusCode.UnknownMethod));
        Assert.Null(MsrpResponse.StandardComment(299));
    }
}
