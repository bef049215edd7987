namespace SimpleActors.Presence;

/// <summary>
/// The document watchers of one presentity see when it has several publications (one per device or
/// client, each with its own entity-tag): the server composes them (RFC 3903 section 4.1; the data
/// model's persons, services and devices, RFC 4479). The rule, also in docs/presence-documents.md:
/// <list type="bullet">
/// <item>Publications are taken oldest first, by <see cref="ComposedPublication.PublishedAt"/> and,
/// at the same instant, by entity-tag (ordinal) and then list order. "Later" below means later in
/// that order.</item>
/// <item>Tuples, persons and devices are merged by id: an id present in several publications takes
/// the element of the latest one. Ids are one space across the three kinds (xs:ID), so the latest
/// element with an id wins whatever its kind.</item>
/// <item>Output order: by the winning publication's rank, then by position in its document.</item>
/// <item>Presence-level notes come from the latest publication that has any; presence-level
/// extensions likewise, independently.</item>
/// <item>Every element keeps its own timestamp. The entity is <c>entity</c>, whatever the
/// publications say.</item>
/// <item>No publication: <see cref="Pidf.Closed"/>.</item>
/// </list>
/// A pure function: no clock, same input, equal output.
/// </summary>
public static partial class PresenceComposition
{
    /// <exception cref="ArgumentException"><paramref name="entity"/> is not a pres:, sip: or sips: URI, or a publication is null.</exception>
    public static PidfDocument Compose(string entity, IReadOnlyList<ComposedPublication> publications)
    {
        ArgumentNullException.ThrowIfNull(publications);
        if (!PresentityUri.IsValid(entity))
        {
            throw new ArgumentException("The entity must be a pres:, sip: or sips: URI.", nameof(entity));
        }

        if (publications.Count == 0)
        {
            return Pidf.Closed(entity);
        }

        var ordered = new ComposedPublication[publications.Count];
        for (var i = 0; i < ordered.Length; i++)
        {
            ordered[i] = publications[i] ?? throw new ArgumentException("A publication is null.", nameof(publications));
            ArgumentNullException.ThrowIfNull(ordered[i].Document, nameof(publications));
        }

        // Stable: equal instants and entity-tags keep the caller's order.
        ordered = [.. ordered.OrderBy(static p => p.PublishedAt).ThenBy(static p => p.ETag, StringComparer.Ordinal)];

        var winners = new Dictionary<string, Winner>(StringComparer.Ordinal);
        for (var rank = 0; rank < ordered.Length; rank++)
        {
            var document = ordered[rank].Document;
            var position = 0;
            foreach (var tuple in document.Tuples)
            {
                winners[tuple.Id] = new Winner(rank, position++, tuple);
            }

            foreach (var person in document.Persons)
            {
                winners[person.Id] = new Winner(rank, position++, person);
            }

            foreach (var device in document.Devices)
            {
                winners[device.Id] = new Winner(rank, position++, device);
            }
        }

        var kept = winners.Values.OrderBy(static w => w.Rank).ThenBy(static w => w.Position).Select(static w => w.Element).ToArray();
        return new PidfDocument(
            entity,
            [.. kept.OfType<PidfTuple>()],
            [.. kept.OfType<PidfPerson>()],
            [.. kept.OfType<PidfDevice>()],
            Latest(ordered, static d => d.Notes),
            Latest(ordered, static d => d.Extensions));
    }

    /// <summary>The list from the latest publication whose list is not empty; empty if none has one.</summary>
    private static IReadOnlyList<T> Latest<T>(ComposedPublication[] ordered, Func<PidfDocument, IReadOnlyList<T>> list)
    {
        for (var i = ordered.Length - 1; i >= 0; i--)
        {
            var items = list(ordered[i].Document);
            if (items.Count > 0)
            {
                return items;
            }
        }

        return [];
    }

    private readonly record struct Winner(int Rank, int Position, object Element);
}
