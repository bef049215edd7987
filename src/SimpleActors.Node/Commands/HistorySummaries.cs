using SimpleActors.Engine.History;
using SimpleActors.Engine.Presence;
using SimpleActors.Presence;

namespace SimpleActors.Node.Commands;

/// <summary>A row's words: what the event did, and the basic status and notes of the document watchers were sent after it.</summary>
internal sealed record HistorySummary(string Detail, string? Basic, IReadOnlyList<string> Notes);

/// <summary>
/// Summarizes the moments of one replay. The document is composed (and read back for its status and notes) once per
/// state version, with one <see cref="ComposedDocument"/> for the whole replay, which parses each publication once.
/// </summary>
internal sealed class HistorySummaries
{
    private readonly ComposedDocument composed = new();
    private (long Version, string? Basic, IReadOnlyList<string> Notes)? last;

    public HistorySummary Of(EntityMoment<PresentityState, IPresentityEvent> moment)
    {
        ArgumentNullException.ThrowIfNull(moment);
        if (last is not { } known || known.Version != moment.State.Version)
        {
            var document = Pidf.Parse(composed.For(moment.State));
            var basic = document.Tuples.Select(t => t.Status.Basic).FirstOrDefault(b => b is not null)?.ToString().ToLowerInvariant();
            var notes = document.Notes.Concat(document.Tuples.SelectMany(t => t.Notes)).Select(n => n.Text).Distinct(StringComparer.Ordinal).ToList();
            last = known = (moment.State.Version, basic, notes);
        }

        return new HistorySummary(HistoryTable.Detail(moment.Change), known.Basic, known.Notes);
    }
}
