using SimpleActors.Msrp.Message;
using SimpleActors.Msrp.Transactions;

namespace SimpleActors.Msrp.Tests.Transactions;

public class MsrpResponsePolicyTests
{
    /// <summary>method, Failure-Report (null: absent), status, whether a response goes back.</summary>
    public static TheoryData<string, MsrpFailureReport?, int, bool> Table => new()
    {
        // RFC 4975 section 7.1.1: absent means yes, and yes means every response.
        { MsrpMethod.Send, null, 200, true },
        { MsrpMethod.Send, null, 413, true },
        { MsrpMethod.Send, MsrpFailureReport.Yes, 200, true },
        { MsrpMethod.Send, MsrpFailureReport.Yes, 400, true },
        { MsrpMethod.Send, MsrpFailureReport.Yes, 481, true },

        // partial: errors only, never a 200.
        { MsrpMethod.Send, MsrpFailureReport.Partial, 200, false },
        { MsrpMethod.Send, MsrpFailureReport.Partial, 400, true },
        { MsrpMethod.Send, MsrpFailureReport.Partial, 413, true },
        { MsrpMethod.Send, MsrpFailureReport.Partial, 415, true },

        // no: nothing at all.
        { MsrpMethod.Send, MsrpFailureReport.No, 200, false },
        { MsrpMethod.Send, MsrpFailureReport.No, 413, false },
        { MsrpMethod.Send, MsrpFailureReport.No, 481, false },

        // RFC 4975 section 7.1.2: a REPORT is never answered, whatever it carries.
        { MsrpMethod.Report, null, 200, false },
        { MsrpMethod.Report, null, 400, false },
        { MsrpMethod.Report, MsrpFailureReport.Yes, 481, false },

        // Other methods follow the same header, absent meaning yes.
        { MsrpMethod.Auth, null, 200, true },
        { MsrpMethod.Auth, null, 401, true },
        { MsrpMethod.Nickname, null, 200, true },
        { "FOO", null, 501, true },
        { "FOO", MsrpFailureReport.Partial, 501, true },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void The_failure_report_header_decides_which_responses_go_back(string method, MsrpFailureReport? failureReport, int status, bool respond)
    {
        var request = new MsrpRequest("abcd1234", method, [Sample.Bob], [Sample.Alice]);
        if (method != MsrpMethod.Report)
        {
            request.FailureReport = failureReport;
        }

        Assert.Equal(respond, MsrpResponsePolicy.ShouldRespond(method, failureReport, status));
        Assert.Equal(respond, MsrpResponsePolicy.ShouldRespond(request, status));
        var response = MsrpResponsePolicy.Respond(request, status);
        Assert.Equal(respond, response is not null);
        if (response is not null)
        {
            Assert.Equal(status, response.StatusCode);
            Assert.Equal(request.TransactionId, response.TransactionId);
        }
    }

    [Fact]
    public void A_report_with_a_failure_report_header_is_still_not_answered()
    {
        var report = new MsrpRequest("abcd1234", MsrpMethod.Report, [Sample.Alice], [Sample.Bob]) { FailureReport = MsrpFailureReport.Yes };

        Assert.False(MsrpResponsePolicy.ShouldRespond(report, 200));
        Assert.Null(MsrpResponsePolicy.Respond(report, 400));
    }
}
