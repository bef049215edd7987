using SimpleActors.Engine.History;
using SimpleActors.Engine.Presence;
using SimpleActors.Presence;

namespace SimpleActors.Node.Commands;

/// <summary>
/// A row's words: what the event did, and of the document watchers were sent after it the basic status, the notes,
/// the person's RPID activities (RFC 4480 section 3.2) and the services and devices (RFC 4479 sections 3.3, 3.4).
/// </summary>
internal sealed record HistorySummary(
    string Detail, string? Basic, IReadOnlyList<string> Notes, IReadOnlyList<string> Activities, IReadOnlyList<HistoryDevice> Devices);

/// <summary>
/// Summarizes the moments of one replay. The document is composed (and read back for its status, notes, activities
/// and devices) once per state version, with one <see cref="ComposedDocument"/> for the whole replay, which parses
/// each publication once.
/// </summary>
internal sealed class HistorySummaries
{
    private readonly ComposedDocument composed = new();
    private (long Version, HistorySummary Summary)? last;

    public HistorySummary Of(EntityMoment<PresentityState, IPresentityEvent> moment)
    {
        ArgumentNullException.ThrowIfNull(moment);
        if (last is not { } known || known.Version != moment.State.Version)
        {
            last = known = (moment.State.Version, OfDocument(Pidf.Parse(composed.For(moment.State))));
        }

        return known.Summary with { Detail = HistoryTable.Detail(moment.Change) };
    }

    private static HistorySummary OfDocument(PidfDocument document)
    {
        var basic = document.Tuples.Select(t => t.Status.Basic).FirstOrDefault(b => b is not null)?.ToString().ToLowerInvariant();
        var notes = document.Notes.Concat(document.Tuples.SelectMany(t => t.Notes)).Select(n => n.Text).Distinct(StringComparer.Ordinal).ToList();
        var activities = document.Persons.SelectMany(p => p.Activities).Distinct(StringComparer.Ordinal).ToList();

        // RFC 4479 section 3.4: a tuple names the device it runs on by dm:deviceID, which the dm:device carries too.
        string? DeviceNamed(string? deviceId) => deviceId is null ? null : document.Devices.FirstOrDefault(d => d.DeviceId == deviceId)?.Id;
        var services = document.Tuples.Select(t => new HistoryDevice(t.Id, t.Status.Basic?.ToString().ToLowerInvariant(), t.DeviceId, DeviceNamed(t.DeviceId)));
        var unnamed = document.Devices.Where(d => d.DeviceId is null || document.Tuples.All(t => t.DeviceId != d.DeviceId))
            .Select(d => new HistoryDevice(null, null, d.DeviceId, d.Id));
        return new HistorySummary(string.Empty, basic, notes, activities, [.. services, .. unnamed]);
    }
}
