using System.Globalization;
using System.Text.Json;
using SimpleActors.Engine.History;
using SimpleActors.Engine.Persistence.Query;
using Spectre.Console;

namespace SimpleActors.Node.Commands;

/// <summary>
/// Prints an entity's history as the replay streams it: tables of at most <see cref="TablePage"/> rows (a long history
/// is never held whole), or one JSON object a line. Every kind starts with the same columns and fields: the event's own
/// time, the journal's write time (JSON only), the sequence number and the event's type; the entity's own follow
/// (<see cref="HistoryRows{TState, TEvent}"/>).
/// </summary>
internal sealed class HistoryPrinter<TState, TEvent>
    where TEvent : class
{
    /// <summary>Rows per printed table.</summary>
    public const int TablePage = 500;

    private readonly HistoryRows<TState, TEvent> rows;
    private readonly TextWriter output;
    private readonly IAnsiConsole? console;
    private Table? table;

    /// <param name="json">One JSON object a line instead of tables.</param>
    public HistoryPrinter(HistoryRows<TState, TEvent> rows, bool json, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(output);
        this.rows = rows;
        this.output = output;
        console = json ? null : CommandConsole.Create(output);
    }

    /// <summary>
    /// Prints the moments whose events were written within <paramref name="window"/>'s times (the state of each is still
    /// the whole history's up to it), with a progress line on a terminal's <paramref name="error"/>; then the last table.
    /// Returns the last moment replayed (null: none), where following would go on.
    /// </summary>
    public async Task<EntityMoment<TState, TEvent>?> WriteAsync(
        IAsyncEnumerable<EntityMoment<TState, TEvent>> moments, JournalRange window, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(moments);
        ArgumentNullException.ThrowIfNull(window);
        var progress = HistoryProgress.OnTerminal(error);
        EntityMoment<TState, TEvent>? last = null;
        long replayed = 0;
        await foreach (var moment in moments.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            last = moment;
            progress?.Replayed(++replayed);
            if (window.CoversWrittenAt(moment.Entry.WrittenAt))
            {
                Add(moment);
            }
        }

        progress?.Done();
        Flush();
        return last;
    }

    /// <summary>A row of the current table (printed when it is full), or a JSON line at once.</summary>
    public void Add(EntityMoment<TState, TEvent> moment)
    {
        ArgumentNullException.ThrowIfNull(moment);
        if (console is null)
        {
            WriteJson(moment);
            return;
        }

        if (table is null)
        {
            table = new Table().Border(TableBorder.Simple);
            foreach (var column in (string[])["time (UTC)", "#", "event", .. rows.Columns])
            {
                table.AddColumn(column);
            }
        }

        string[] cells =
        [
            rows.At(moment.Change).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture),
            moment.Entry.SequenceNr.ToString(CultureInfo.InvariantCulture),
            moment.Change.GetType().Name,
            .. rows.Cells(moment),
        ];
        table.AddRow([.. cells.Select(Markup.Escape)]);
        if (table.Rows.Count == TablePage)
        {
            Flush();
        }
    }

    /// <summary>Prints the rows not printed yet, if any.</summary>
    public void Flush()
    {
        if (table is { Rows.Count: > 0 })
        {
            console!.Write(table);
        }

        table = null;
    }

    private void WriteJson(EntityMoment<TState, TEvent> moment)
    {
        // The common fields, then the entity's own: its object after the "{", serialized once. The common values need no
        // escaping: ISO 8601 times, a number, and the event's type name (a C# identifier). One write a line.
        var own = JsonSerializer.Serialize(rows.Json(moment), HistoryCommand.JsonLines);
        var fields = own.AsSpan(1); // the entity's fields and "}", or "}" alone
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{{\"time\":\"{rows.At(moment.Change):O}\",\"writtenAt\":\"{moment.Entry.WrittenAt:O}\",\"sequenceNr\":{moment.Entry.SequenceNr},\"event\":\"{moment.Change.GetType().Name}\"{(fields.Length > 1 ? "," : string.Empty)}{fields}"));
    }
}
