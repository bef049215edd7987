using System.Globalization;
using System.Text;

namespace SimpleActors.Engine.Subscription;

/// <summary>
/// Builds the NOTIFY of a subscription (RFC 6665 section 4.2.2, RFC 3261 section 12.2.1.1): to the remote target,
/// through the route set, From the presentity with our tag and To the watcher with theirs, the dialog's Call-ID and
/// the next CSeq, Event (with the subscription's id) and Subscription-State. The edge adds its Via and Contact.
/// </summary>
public static class NotifyRequest
{
    public static byte[] Build(
        SubscriptionState state, uint cseq, SubscriptionStatus status, string? reason, int expiresIn, string? contentType, byte[]? body)
    {
        ArgumentNullException.ThrowIfNull(state);
        var text = new StringBuilder(512)
            .Append(CultureInfo.InvariantCulture, $"NOTIFY {state.RemoteTarget} SIP/2.0\r\n");
        foreach (var route in state.RouteSet)
        {
            text.Append(CultureInfo.InvariantCulture, $"Route: {route}\r\n");
        }

        text.Append("Max-Forwards: 70\r\n")
            .Append(CultureInfo.InvariantCulture, $"To: <{state.Watcher}>;tag={state.WatcherTag}\r\n")
            .Append(CultureInfo.InvariantCulture, $"From: <{state.Presentity}>;tag={state.SubscriptionId}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Call-ID: {state.CallId}\r\n")
            .Append(CultureInfo.InvariantCulture, $"CSeq: {cseq} NOTIFY\r\n")
            .Append("Event: ").Append(state.Package).Append(state.EventId is { } id ? ";id=" + id : string.Empty).Append("\r\n")
            .Append("Subscription-State: ").Append(SubscriptionStateValue(status, reason, expiresIn)).Append("\r\n");
        var length = body?.Length ?? 0;
        if (body is not null && contentType is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"Content-Type: {contentType}\r\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"Content-Length: {length}\r\n\r\n");
        var head = Encoding.UTF8.GetBytes(text.ToString());
        if (body is null || body.Length == 0)
        {
            return head;
        }

        var message = new byte[head.Length + body.Length];
        head.CopyTo(message, 0);
        body.CopyTo(message, head.Length);
        return message;
    }

    /// <summary>RFC 6665 section 8.2.3: <c>active;expires=N</c>, <c>pending;expires=N</c>, <c>terminated;reason=R</c>.</summary>
    public static string SubscriptionStateValue(SubscriptionStatus status, string? reason, int expiresIn) => status switch
    {
        SubscriptionStatus.Active => $"active;expires={expiresIn.ToString(CultureInfo.InvariantCulture)}",
        SubscriptionStatus.Pending => $"pending;expires={expiresIn.ToString(CultureInfo.InvariantCulture)}",
        _ => "terminated;reason=" + (reason is null || reason.StartsWith("notify-", StringComparison.Ordinal) ? SubscriptionDecision.Timeout : reason),
    };
}
