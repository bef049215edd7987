using SimpleActors.Msrp.Addressing;
using SimpleActors.Msrp.Message;
using SimpleActors.Msrp.Transactions;

namespace SimpleActors.Msrp.Tests.Transactions;

public class MsrpReportTests
{
    private static MsrpRequest Send(byte[] body, MsrpByteRange? range, bool? successReport = null, MsrpFailureReport? failureReport = null, char flag = '$')
    {
        // As Bob receives it through Alice's relay: the relay first in From-Path, Alice last.
        var send = new MsrpRequest("abcd1234", MsrpMethod.Send, [Sample.Bob], [Sample.Relay, Sample.Alice])
        {
            Body = body,
            Continuation = (MsrpContinuation)flag,
        };
        send.MessageId = "m1";
        send.ByteRange = range;
        send.SuccessReport = successReport;
        send.FailureReport = failureReport;
        send.ContentType = body.Length == 0 ? null : "text/plain";
        return send;
    }

    [Fact]
    public void A_report_goes_back_along_the_from_path_from_the_reporter_with_message_id_range_and_status_only()
    {
        var send = Send("Hello"u8.ToArray(), new MsrpByteRange(1, 5, 5), successReport: true, failureReport: MsrpFailureReport.Partial);

        var report = MsrpReport.Create(send, new MsrpStatus(200, "OK"), new MsrpByteRange(1, 5, 5), transactionId: "rep00001");

        Assert.Equal(MsrpMethod.Report, report.Method);
        Assert.Equal("rep00001", report.TransactionId);
        Assert.Equal([Sample.Relay, Sample.Alice], report.ToPath);
        Assert.Equal([Sample.Bob], report.FromPath);
        Assert.Equal(
            [MsrpHeaderNames.MessageId, MsrpHeaderNames.ByteRange, MsrpHeaderNames.Status],
            report.Headers.Select(h => h.Name));
        Assert.Equal("m1", report.MessageId);
        Assert.Equal("000 200 OK", report.Headers.Get(MsrpHeaderNames.Status));
        Assert.True(report.Body.IsEmpty);
        Assert.Equal(MsrpContinuation.Complete, report.Continuation);

        // RFC 4975 section 7.1.2: nobody answers it.
        Assert.False(MsrpResponsePolicy.ShouldRespond(report, 200));
        Assert.False(MsrpResponsePolicy.ShouldRespond(report, 400));
    }

    [Fact]
    public void A_report_comes_from_the_given_reporter_and_gets_a_fresh_transaction_id_by_default()
    {
        var send = Send("Hello"u8.ToArray(), null);
        var relay = MsrpUri.Parse("msrps://relay.example.com:2855/other;tcp");

        var report = MsrpReport.Create(send, new MsrpStatus(481), new MsrpByteRange(1, 5, 5), relay);

        Assert.Equal([relay], report.FromPath);
        Assert.NotEqual(send.TransactionId, report.TransactionId);
        Assert.Equal("000 481", report.Headers.Get(MsrpHeaderNames.Status));
    }

    [Fact]
    public void Only_a_send_with_a_message_id_is_reported_on()
    {
        var auth = new MsrpRequest("abcd1234", MsrpMethod.Auth, [Sample.Relay], [Sample.Alice]);
        var noId = Send("x"u8.ToArray(), null);
        noId.MessageId = null;

        Assert.Throws<ArgumentException>(() => MsrpReport.Create(auth, new MsrpStatus(200), new MsrpByteRange(1, 0, 0)));
        Assert.Throws<ArgumentException>(() => MsrpReport.Create(noId, new MsrpStatus(200), new MsrpByteRange(1, 1, 1)));
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void A_success_report_for_the_whole_message_goes_only_when_the_send_asked_for_one(bool? successReport, bool sent)
    {
        var last = Send("world"u8.ToArray(), new MsrpByteRange(8, 12, 12), successReport);

        var report = MsrpReport.ForCompleteMessage(last, 12);

        Assert.Equal(sent, report is not null);
        if (report is not null)
        {
            Assert.Equal(new MsrpByteRange(1, 12, 12), report.ByteRange);
            Assert.Equal(new MsrpStatus(200, "OK"), report.Status);
        }
    }

    [Fact]
    public void A_success_report_per_chunk_covers_the_bytes_the_chunk_carried()
    {
        var interrupted = Send(new byte[1500], new MsrpByteRange(1, null, 5000), successReport: true, flag: '+');
        var last = Send(new byte[500], new MsrpByteRange(4501, null, null), successReport: true);

        Assert.Equal(new MsrpByteRange(1, 1500, 5000), MsrpReport.ForChunk(interrupted)!.ByteRange);
        Assert.Equal(new MsrpByteRange(4501, 5000, 5000), MsrpReport.ForChunk(last)!.ByteRange);
        Assert.Null(MsrpReport.ForChunk(Send(new byte[10], new MsrpByteRange(1, 10, 10))));
    }

    [Theory]
    [InlineData(null, 481, true)]
    [InlineData(MsrpFailureReport.Yes, 408, true)]
    [InlineData(MsrpFailureReport.Partial, 408, true)]
    [InlineData(MsrpFailureReport.Partial, 415, true)]
    [InlineData(MsrpFailureReport.No, 408, false)]
    [InlineData(MsrpFailureReport.Yes, 200, false)]
    public void A_relay_reports_a_downstream_failure_when_the_send_takes_failure_reports(MsrpFailureReport? failureReport, int status, bool sent)
    {
        var send = Send("Hello"u8.ToArray(), new MsrpByteRange(1, 5, 5), failureReport: failureReport);

        var report = MsrpReport.ForFailure(send, status, Sample.Relay);

        Assert.Equal(sent, report is not null);
        if (report is not null)
        {
            Assert.Equal(status, report.Status!.Code);
            Assert.Equal(MsrpResponse.StandardComment(status), report.Status.Comment);
            Assert.Equal(new MsrpByteRange(1, 5, 5), report.ByteRange);
            Assert.Equal([Sample.Relay], report.FromPath);
            Assert.Null(report.FailureReport);
            Assert.Null(report.SuccessReport);
        }
    }

    [Fact]
    public void The_range_of_a_chunk_is_its_start_its_last_byte_and_its_total()
    {
        Assert.Equal(new MsrpByteRange(1, 5, 5), MsrpReport.RangeOf(Send("Hello"u8.ToArray(), null)));
        Assert.Equal(new MsrpByteRange(1, 5, null), MsrpReport.RangeOf(Send("Hello"u8.ToArray(), new MsrpByteRange(1, null, null), flag: '+')));
        Assert.Equal(new MsrpByteRange(6, 10, 10), MsrpReport.RangeOf(Send("world"u8.ToArray(), new MsrpByteRange(6, null, null))));
        Assert.Equal(new MsrpByteRange(1, 0, 0), MsrpReport.RangeOf(Send([], null)));
    }
}
