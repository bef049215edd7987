using System.Text;
using SimpleActors.Engine.History;
using SimpleActors.Engine.Persistence.Query;
using SimpleActors.Engine.Xcap;

namespace SimpleActors.Node.Commands;

/// <summary>
/// <c>simpleactors history xcap &lt;document selector&gt;</c> (or <c>history xcap|&lt;selector&gt;</c>): each edit of an XCAP
/// document (RFC 4825) — who, the method and target (document, element or attribute), the request body's type and size —
/// with the entity tag and size of the version it left; <c>--at T</c> prints the document as it was at T, byte for byte.
/// </summary>
internal static class XcapDocumentHistory
{
    /// <summary>The columns and JSON fields of a row, after those every entity has.</summary>
    public static readonly HistoryRows<XcapDocumentState, IXcapDocumentEvent> Rows = new(["detail", "etag", "size"], change => change.At, Cells, Json);

    /// <summary>What the edit did.</summary>
    public static string Detail(IXcapDocumentEvent change) => change switch
    {
        XcapDocumentEdited e => $"{e.Method} {e.Target} by {e.By}" + (e.RequestBody.Length > 0 ? $" ({e.ContentType ?? "no Content-Type"}, {e.RequestBody.Length} bytes)" : string.Empty)
            + (e.Document is null ? ": deleted" : string.Empty),
        _ => string.Empty,
    };

    public static async Task WriteAsync(
        JournalQueries queries, string selector, HistoryRequest request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        var persistenceId = XcapDocumentActor.PersistenceIdPrefix + selector;
        if (request.At is { } instant)
        {
            var state = XcapDocumentState.Empty(selector);
            await foreach (var entry in queries.EventsOf(persistenceId, JournalRange.All, cancellationToken).ConfigureAwait(false))
            {
                if (entry.Event is IXcapDocumentEvent change && change.At <= instant)
                {
                    state = state.Apply(change);
                }
            }

            if (state.Document is null)
            {
                await error.WriteLineAsync($"simpleactors history: no version of {selector} existed at {instant:O}").ConfigureAwait(false);
                return;
            }

            await output.WriteLineAsync(Encoding.UTF8.GetString(state.Document)).ConfigureAwait(false);
            return;
        }

        await EntityHistory.ShowAsync(
            new HistoryPrinter<XcapDocumentState, IXcapDocumentEvent>(Rows, request.Json, output), queries, persistenceId, XcapDocumentState.Empty(selector),
            new JournalRange(0, request.From, request.To), request.Follow, error, cancellationToken).ConfigureAwait(false);
    }

    private static IEnumerable<string> Cells(EntityMoment<XcapDocumentState, IXcapDocumentEvent> moment) =>
        [Detail(moment.Change), moment.State.ETag ?? "-", moment.State.Document?.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"];

    private static object Json(EntityMoment<XcapDocumentState, IXcapDocumentEvent> moment) => new
    {
        detail = Detail(moment.Change),
        method = (moment.Change as XcapDocumentEdited)?.Method,
        target = (moment.Change as XcapDocumentEdited)?.Target,
        by = (moment.Change as XcapDocumentEdited)?.By,
        etag = moment.State.ETag,
        document = moment.State.Document is { } document ? Encoding.UTF8.GetString(document) : null,
    };
}
