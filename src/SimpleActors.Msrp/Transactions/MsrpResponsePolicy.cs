using SimpleActors.Msrp.Addressing;
using SimpleActors.Msrp.Message;

namespace SimpleActors.Msrp.Transactions;

/// <summary>
/// Whether the receiver of a request sends a transaction response (RFC 4975 sections 7.1.1, 7.1.2 and 7.2): the
/// request's Failure-Report decides, <c>yes</c> (the default) every response, <c>partial</c> error responses only and
/// never a 200, <c>no</c> none at all; and a REPORT is never answered, whatever it says.
/// </summary>
public static class MsrpResponsePolicy
{
    /// <summary>Whether to answer <paramref name="request"/> with <paramref name="statusCode"/>.</summary>
    public static bool ShouldRespond(MsrpRequest request, int statusCode)
    {
        ArgumentNullException.ThrowIfNull(request);

        // RFC 4975 section 7.1.2: nobody responds to a REPORT; its Failure-Report is not even read.
        return request.Method != MsrpMethod.Report && ShouldRespond(request.Method, request.FailureReport, statusCode);
    }

    /// <summary>
    /// Whether a request of <paramref name="method"/> with <paramref name="failureReport"/> (null: the header is absent,
    /// which means yes) is answered with <paramref name="statusCode"/>.
    /// </summary>
    public static bool ShouldRespond(string method, MsrpFailureReport? failureReport, int statusCode)
    {
        ArgumentNullException.ThrowIfNull(method);

        // RFC 4975 section 7.1.2: a REPORT is never answered.
        if (method == MsrpMethod.Report)
        {
            return false;
        }

        // RFC 4975 section 7.1.1: Failure-Report yes, partial (errors only, never a 200) or no (nothing).
        return (failureReport ?? MsrpFailureReport.Yes) switch
        {
            MsrpFailureReport.Yes => true,
            MsrpFailureReport.Partial => !IsSuccess(statusCode),
            MsrpFailureReport.No => false,
            _ => throw new ArgumentOutOfRangeException(nameof(failureReport)),
        };
    }

    /// <summary>
    /// The response to send (<see cref="MsrpResponse.ForRequest"/>), or null when <see cref="ShouldRespond(MsrpRequest, int)"/>
    /// says none.
    /// </summary>
    public static MsrpResponse? Respond(MsrpRequest request, int statusCode, string? comment = null, MsrpUri? responder = null)
        => ShouldRespond(request, statusCode) ? MsrpResponse.ForRequest(request, statusCode, comment, responder) : null;

    internal static bool IsSuccess(int statusCode) => statusCode is >= 200 and <= 299;
}
