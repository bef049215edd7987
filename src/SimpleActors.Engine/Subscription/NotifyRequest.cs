using System.Globalization;
using SimpleActors.Sip.Dialogs;

namespace SimpleActors.Engine.Subscription;

/// <summary>
/// The NOTIFY of a subscription (RFC 6665 section 4.2.2), as data: a request in the subscription's dialog (RFC 3261
/// section 12.2.1.1, <see cref="Dialog.MakeRequest"/>) with Event (and the subscription's id) and Subscription-State.
/// The edge adds its Via and Contact and writes it once.
/// </summary>
public static class NotifyRequest
{
    /// <summary>The option tag of resource list subscriptions (RFC 4662 section 4.1).</summary>
    public const string EventList = "eventlist";

    public static OutgoingRequest Build(
        SubscriptionState state, uint cseq, SubscriptionStatus status, string? reason, int expiresIn, string? contentType, byte[]? body)
    {
        ArgumentNullException.ThrowIfNull(state);
        var dialog = state.Dialog ?? throw new InvalidOperationException("A subscription without a dialog sends no NOTIFY.");
        KeyValuePair<string, string>[] headers = state.List is null
            ?
            [
                KeyValuePair.Create("Event", state.EventId is { } id ? state.Package + ";id=" + id : state.Package),
                KeyValuePair.Create("Subscription-State", SubscriptionStateValue(status, reason, expiresIn)),
            ]
            :
            [
                KeyValuePair.Create("Event", ListEvent(state)),
                KeyValuePair.Create("Subscription-State", SubscriptionStateValue(status, reason, expiresIn)),

                // RFC 4662 section 4.5: every NOTIFY of a list subscription requires the extension.
                KeyValuePair.Create("Require", EventList),
            ];
        return dialog.MakeRequest(Sip.Message.SipMethod.Notify, headers, body is null ? null : contentType, body, cseq).Request;
    }

    /// <summary>
    /// A list NOTIFY's Event: the package (and id); for liblinphone <c>Presence</c>, the one spelling it matches a list
    /// NOTIFY by (docs/presence.md, "Resource lists").
    /// </summary>
    private static string ListEvent(SubscriptionState state)
    {
        var package = state.List is { LinphoneForm: true } && state.Package == EventPackages.Presence ? "Presence" : state.Package;
        return state.EventId is { } id ? package + ";id=" + id : package;
    }

    /// <summary>RFC 6665 section 8.2.3: <c>active;expires=N</c>, <c>pending;expires=N</c>, <c>terminated;reason=R</c>.</summary>
    public static string SubscriptionStateValue(SubscriptionStatus status, string? reason, int expiresIn) => status switch
    {
        SubscriptionStatus.Active => $"active;expires={expiresIn.ToString(CultureInfo.InvariantCulture)}",
        SubscriptionStatus.Pending => $"pending;expires={expiresIn.ToString(CultureInfo.InvariantCulture)}",
        _ => "terminated;reason=" + (reason is null || reason.StartsWith("notify-", StringComparison.Ordinal) ? SubscriptionDecision.Timeout : reason),
    };
}
