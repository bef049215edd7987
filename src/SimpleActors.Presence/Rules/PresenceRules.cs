using System.Xml.Linq;

namespace SimpleActors.Presence.Rules;

/// <summary>
/// A presentity's presence authorization rules (RFC 5025): the rules of one or more
/// <c>application/auth-policy+xml</c> documents (the IETF <c>pres-rules</c> one and OMA's
/// <c>org.openmobilealliance.pres-rules</c> one, say), evaluated together per watcher with common
/// policy's combining rules (RFC 4745 section 10). Immutable; evaluation is pure.
/// </summary>
public sealed class PresenceRules
{
    /// <summary>The media type of a pres-rules document (RFC 5025 section 9.2).</summary>
    public const string ContentType = "application/auth-policy+xml";

    /// <summary>The common policy namespace (RFC 4745 section 13), the root <c>ruleset</c>'s.</summary>
    public const string CommonPolicyNamespace = "urn:ietf:params:xml:ns:common-policy";

    /// <summary>The pres-rules namespace (RFC 5025 section 3): actions and transformations.</summary>
    public const string Namespace = "urn:ietf:params:xml:ns:pres-rules";

    /// <summary>OMA's common policy extensions (other-identity, external-list, anonymous-request).</summary>
    public const string OmaCommonPolicyNamespace = "urn:oma:xml:xdm:common-policy";

    private readonly IReadOnlyList<PresenceRule> _rules;
    private readonly bool _hasOtherIdentity;

    private PresenceRules(IReadOnlyList<PresenceRule> rules)
    {
        _rules = rules;
        _hasOtherIdentity = rules.Any(static r => r.Conditions.Any(static c => c is OtherIdentityCondition));
    }

    /// <summary>No rules: every watcher gets <see cref="PresencePermissions.None"/> (the server's default sub-handling, nothing shown).</summary>
    public static PresenceRules Empty { get; } = new([]);

    /// <summary>The ids of the rules, in document order (documents in the order combined).</summary>
    public IReadOnlyList<string> RuleIds => _rules.Select(static r => r.Id).ToArray();

    /// <summary>
    /// Reads a document's bytes with the presence readers' limits (size checked first, DTDs refused,
    /// depth and element count checked while reading).
    /// </summary>
    /// <exception cref="PresenceDocumentException">Not well-formed, too large, a DTD, not a common-policy ruleset, a rule without id, duplicate rule ids.</exception>
    public static PresenceRules Parse(ReadOnlySpan<byte> document, PresenceLimits? limits = null) =>
        new(PresenceRulesReader.Read(Xml.SecureXmlLoader.Load(document, limits, "pres-rules")));

    /// <summary>Reads a document already loaded (safely) as an element tree: the <c>cp:ruleset</c> root.</summary>
    /// <exception cref="PresenceDocumentException">As <see cref="Parse"/>, for the structure.</exception>
    public static PresenceRules FromElement(XElement ruleset)
    {
        ArgumentNullException.ThrowIfNull(ruleset);
        return new(PresenceRulesReader.Read(ruleset));
    }

    /// <summary>
    /// The rules of several documents as one ruleset: a watcher's permissions combine over the matching
    /// rules of all of them (rule ids need only be unique per document).
    /// </summary>
    public static PresenceRules Combine(IEnumerable<PresenceRules> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        return new(documents.SelectMany(static d => d._rules).ToArray());
    }

    /// <summary>
    /// A watcher's permissions (RFC 4745 section 10): every rule whose conditions all match contributes;
    /// the sub-handling is the largest any of them gives (null when none gives one: apply the server's
    /// default, <see cref="PresencePermissions.DefaultSubHandling"/> by RFC 5025), booleans are ORed,
    /// user input takes the largest, selections and unknown attributes are united.
    /// </summary>
    /// <param name="authenticatedWatcher">
    /// The watcher's identity as the server authenticated it (a SIP address-of-record URI); null when
    /// the request is not authenticated, which no identity condition matches (RFC 5025 section 3.1.1).
    /// Never pass an identity taken unverified from the request.
    /// </param>
    /// <param name="presentitySphere">The presentity's current sphere (<see cref="PresenceFilter.SphereOf"/>), or null.</param>
    /// <param name="now">The instant <c>validity</c> conditions are checked against.</param>
    /// <param name="externalLists">Resolves OMA <c>external-list</c> conditions; null: they never match.</param>
    public PresencePermissions Evaluate(
        string? authenticatedWatcher,
        string? presentitySphere,
        DateTimeOffset now,
        ExternalListMembership? externalLists = null)
    {
        var watcher = WatcherIdentity.Normalize(authenticatedWatcher);
        var context = new RuleContext(watcher, watcher is null ? null : WatcherIdentity.DomainOf(watcher), presentitySphere, now, externalLists);
        if (_hasOtherIdentity && watcher is not null)
        {
            context = context with { Listed = _rules.Any(r => r.Conditions.Any(c => c.Names(context))) };
        }

        var permissions = PresencePermissions.None;
        foreach (var rule in _rules)
        {
            if (rule.Matches(context))
            {
                permissions = permissions.CombineWith(rule.Permissions);
            }
        }

        return permissions;
    }

    /// <summary>
    /// The first <c>validity</c> boundary (a <c>from</c> or an <c>until</c>) after <paramref name="now"/>,
    /// when a watcher's permissions may change though nothing else did; null when there is none. Re-evaluate then.
    /// </summary>
    public DateTimeOffset? NextChange(DateTimeOffset now)
    {
        DateTimeOffset? next = null;
        foreach (var rule in _rules)
        {
            foreach (var condition in rule.Conditions)
            {
                foreach (var boundary in condition.Boundaries)
                {
                    if (boundary > now && (next is null || boundary < next))
                    {
                        next = boundary;
                    }
                }
            }
        }

        return next;
    }
}
