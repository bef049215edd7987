using System.Globalization;
using SimpleActors.Engine.History;
using SimpleActors.Engine.Registration;

namespace SimpleActors.Node.Commands;

/// <summary>
/// <c>simpleactors history registration &lt;aor&gt;</c> (or <c>history registration|&lt;aor&gt;</c>): each binding of an
/// address of record added, refreshed or removed (RFC 3261 section 10.3), by which REGISTER (contact, expiry, Call-ID,
/// CSeq, identity, RFC 5626 instance and reg-id) or expiry, with the bindings it left.
/// </summary>
internal static class RegistrationHistory
{
    /// <summary>The columns and JSON fields of a row, after those every entity has.</summary>
    public static readonly HistoryRows<RegistrationState, IRegistrationEvent> Rows = new(["detail", "bindings", "contacts"], change => change.At, Cells, Json);

    /// <summary>What the event did.</summary>
    public static string Detail(IRegistrationEvent change) => change switch
    {
        BindingAdded added => $"{added.Binding.Uri}, {Set(added.Binding, added.Identity)}",
        BindingRefreshed refreshed => (refreshed.StoredUri == refreshed.Binding.Uri ? refreshed.StoredUri : $"{refreshed.StoredUri} -> {refreshed.Binding.Uri}")
                                      + $", {Set(refreshed.Binding, refreshed.Identity)}",
        BindingRemoved { CallId: { } callId, CSeq: { } cseq } removed =>
            $"{removed.Uri} {Reason(removed.Reason)} ({HistoryTable.Who(removed.Identity, callId, cseq)})",
        BindingRemoved removed => $"{removed.Uri} {Reason(removed.Reason)}",
        _ => string.Empty,
    };

    private static IEnumerable<string> Cells(EntityMoment<RegistrationState, IRegistrationEvent> moment) =>
    [
        Detail(moment.Change),
        moment.State.Bindings.Count.ToString(CultureInfo.InvariantCulture),
        string.Join(", ", moment.State.Bindings.Select(b => b.Uri)),
    ];

    private static object Json(EntityMoment<RegistrationState, IRegistrationEvent> moment) => new
    {
        detail = Detail(moment.Change),
        bindings = moment.State.Bindings.Select(b => new
        {
            uri = b.Uri,
            expiresAt = b.ExpiresAt,
            callId = b.CallId,
            cseq = b.CSeq,
            q = b.Q,
            instance = b.SipInstance,
            regId = b.RegId,
            path = b.Path,
            flow = b.Flow.ToString(),
            registeredAt = b.RegisteredAt,
        }),
    };

    /// <summary>The binding a REGISTER set: until when, by which request, and its RFC 5626 flow identity if it has one.</summary>
    private static string Set(Binding binding, string? identity) =>
        $"until {HistoryTable.Time(binding.ExpiresAt)} ({HistoryTable.Who(identity, binding.CallId, binding.CSeq)})"
        + (binding.SipInstance is null ? string.Empty : $", +sip.instance {binding.SipInstance}")
        + (binding.RegId is { } regId ? string.Create(CultureInfo.InvariantCulture, $" reg-id {regId}") : string.Empty);

    private static string Reason(BindingRemovalReason reason) => reason.ToString().ToLowerInvariant();
}
