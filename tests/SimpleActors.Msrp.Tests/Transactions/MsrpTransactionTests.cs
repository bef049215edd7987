using SimpleActors.Msrp.Message;
using SimpleActors.Msrp.Transactions;
using static SimpleActors.Msrp.Transactions.MsrpTransactionOutcome;

namespace SimpleActors.Msrp.Tests.Transactions;

public class MsrpTransactionTests
{
    private static readonly DateTimeOffset SentAt = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static MsrpRequest Send(MsrpFailureReport? failureReport)
        => new("abcd1234", MsrpMethod.Send, [Sample.Bob], [Sample.Alice]) { MessageId = "m1", FailureReport = failureReport };

    private static MsrpResponse Response(int status) => new("abcd1234", status, null, [Sample.Alice], [Sample.Bob]);

    [Fact]
    public void With_failure_report_yes_no_response_in_30_seconds_is_a_local_408()
    {
        var transaction = MsrpTransaction.Start(Send(null), SentAt);

        Assert.Equal(SentAt.AddSeconds(30), transaction.Deadline);
        Assert.Equal(new Pending(SentAt.AddSeconds(30)), transaction.OnTimer(SentAt.AddSeconds(29.999)));
        var failed = Assert.IsType<Failed>(transaction.OnTimer(SentAt.AddSeconds(30)));
        Assert.Equal(408, failed.StatusCode);
        Assert.True(failed.IsLocal);
        Assert.Equal("Request Timeout", failed.Comment);
    }

    [Fact]
    public void A_response_settles_the_transaction_a_200_as_success_an_error_as_failure()
    {
        var transaction = MsrpTransaction.Start(Send(MsrpFailureReport.Yes), SentAt);

        Assert.IsType<Succeeded>(transaction.OnResponse(Response(200)));
        var failed = Assert.IsType<Failed>(transaction.OnResponse(Response(413)));
        Assert.False(failed.IsLocal);
        Assert.True(failed.StopsMessage);
        Assert.False(Assert.IsType<Failed>(transaction.OnResponse(Response(481))).StopsMessage);
        Assert.Throws<ArgumentException>(() => transaction.OnResponse(new MsrpResponse("other999", 200, null, [Sample.Alice], [Sample.Bob])));
    }

    [Fact]
    public void With_failure_report_partial_silence_for_30_seconds_is_success()
    {
        var transaction = MsrpTransaction.Start(Send(MsrpFailureReport.Partial), SentAt);

        Assert.Equal(SentAt.AddSeconds(30), transaction.Deadline);
        Assert.IsType<Pending>(transaction.OnTimer(SentAt.AddSeconds(10)));
        Assert.IsType<Succeeded>(transaction.OnTimer(SentAt.AddSeconds(30)));
        Assert.IsType<Failed>(transaction.OnResponse(Response(400)));
    }

    [Fact]
    public void With_failure_report_no_and_for_a_report_nothing_is_waited_for()
    {
        var quiet = MsrpTransaction.Start(Send(MsrpFailureReport.No), SentAt);
        var report = MsrpTransaction.Start(new MsrpRequest("abcd1234", MsrpMethod.Report, [Sample.Alice], [Sample.Bob]), SentAt);

        Assert.Null(quiet.Deadline);
        Assert.Null(report.Deadline);
        Assert.Equal(MsrpFailureReport.No, report.FailureReport);
        Assert.IsType<Succeeded>(quiet.OnTimer(SentAt));
        Assert.IsType<Succeeded>(report.OnTimer(SentAt.AddMinutes(5)));
    }

    [Fact]
    public void A_relay_whose_downstream_timed_out_reports_408_upstream_when_the_sender_takes_failure_reports()
    {
        var upstream = Send(MsrpFailureReport.Yes);
        upstream.Body = "Hello"u8.ToArray();
        upstream.ContentType = "text/plain";
        upstream.ByteRange = new MsrpByteRange(1, 5, 5);
        var downstream = MsrpTransaction.Start(upstream, SentAt);

        var failed = Assert.IsType<Failed>(downstream.OnTimer(SentAt.AddSeconds(31)));
        var report = MsrpReport.ForFailure(upstream, failed.StatusCode, Sample.Relay, transactionId: "rep00001");

        Assert.NotNull(report);
        Assert.Equal(new MsrpStatus(408, "Request Timeout"), report.Status);
        Assert.Equal([Sample.Alice], report.ToPath);
        Assert.Equal([Sample.Relay], report.FromPath);
    }
}
