using System.Diagnostics.CodeAnalysis;
using SimpleActors.Engine.Mailbox;
using SimpleActors.Engine.Presence;
using SimpleActors.Engine.Registration;
using SimpleActors.Engine.Subscription;
using SimpleActors.Sip.Message;

namespace SimpleActors.Node.Commands;

/// <summary>
/// Whose journal <c>simpleactors history</c> reads: the kind of entity and its key, an address of record in its
/// canonical form (as the edge routes to the entity) or a subscription id.
/// </summary>
internal sealed record HistoryTarget(HistoryEntity Entity, string Key)
{
    private static readonly (HistoryEntity Entity, string Prefix)[] Prefixes =
    [
        (HistoryEntity.Presentity, PresentityShard.PersistenceIdPrefix),
        (HistoryEntity.Registration, RegistrationShard.PersistenceIdPrefix),
        (HistoryEntity.Mailbox, MailboxActor.PersistenceIdPrefix),
        (HistoryEntity.Subscription, SubscriptionShard.PersistenceIdPrefix),
        (HistoryEntity.Xcap, Engine.Xcap.XcapDocumentActor.PersistenceIdPrefix),
    ];

    /// <summary>The persistence id of the entity's journal, e.g. <c>registration|sip:alice@example.com</c>.</summary>
    public string PersistenceId => PrefixOf(Entity) + Key;

    /// <summary>The persistence id prefix of <paramref name="entity"/>'s journals, e.g. <c>registration|</c>.</summary>
    public static string PrefixOf(HistoryEntity entity) => Prefixes.Single(p => p.Entity == entity).Prefix;

    /// <summary>
    /// Reads the argument of <c>history</c>: a persistence id with its prefix (<c>registration|sip:alice@example.com</c>,
    /// <c>mailbox|...</c>, <c>subscription|&lt;id&gt;</c>, <c>presentity|...</c>), or a plain address of record, a
    /// presentity's. False with the reason when it is neither.
    /// </summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out HistoryTarget? target, [NotNullWhen(false)] out string? reason)
    {
        ArgumentNullException.ThrowIfNull(text);
        // No known prefix: the default, a presentity's address of record.
        var (entity, prefix) = Prefixes.FirstOrDefault(p => text.StartsWith(p.Prefix, StringComparison.Ordinal));
        var key = prefix is null ? text : text[prefix.Length..];
        target = null;
        if (entity == HistoryEntity.Subscription)
        {
            // The id is the To-tag our 200 gave: a token, never empty.
            if (key.Length == 0 || key.Any(char.IsWhiteSpace))
            {
                reason = $"'{key}' is not a subscription id (the To-tag of our 200 to its SUBSCRIBE)";
                return false;
            }

            reason = null;
            target = new HistoryTarget(entity, key);
            return true;
        }

        if (entity == HistoryEntity.Xcap)
        {
            // A document selector (RFC 4825 section 6.2): AUID, global or users/<XUI>, the document's path.
            if (!SimpleActors.Xcap.XcapDocumentSelector.TryParse(key, out var document))
            {
                reason = $"'{key}' is not an XCAP document selector (e.g. pres-rules/users/sip:alice@example.com/index)";
                return false;
            }

            // The journal is under the selector the edge routes to: its XUI canonical, as XcapUri makes it.
            reason = null;
            target = new HistoryTarget(entity, (document.Xui is { } xui ? document with { Xui = SimpleActors.Xcap.XcapDocumentSelector.CanonicalXui(xui) } : document).ToString());
            return true;
        }

        if (!SipUri.TryParse(key, out var uri) || !uri.IsSip || uri.User is null)
        {
            reason = entity == HistoryEntity.Presentity
                ? $"{text} is not a presentity (sip:user@domain)"
                : $"{key} is not an address of record (sip:user@domain)";
            return false;
        }

        reason = null;
        target = new HistoryTarget(entity, uri.AorString);
        return true;
    }
}
