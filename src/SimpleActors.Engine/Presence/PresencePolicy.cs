using SimpleActors.Presence;
using SimpleActors.Presence.Rules;

namespace SimpleActors.Engine.Presence;

/// <summary>
/// The presentity owner's policy about watchers, as the presence service applies it: the owner's presence rules (RFC
/// 5025 on RFC 4745, from both AUIDs' documents, combined) when there are any; otherwise the per-watcher decisions the
/// admin API made before rules existed (migrated into rules on the presentity's next start) and the configured default.
/// The presentity itself always sees everything of its own. Made once per owner-document version.
/// </summary>
public sealed class PresencePolicy
{
    private readonly PresentityState state;
    private readonly PresenceRules? rules;
    private readonly Subscription.SubscriptionPolicy fallback;

    private PresencePolicy(PresentityState state, PresenceRules? rules, Subscription.SubscriptionPolicy fallback)
    {
        this.state = state;
        this.rules = rules;
        this.fallback = fallback;
    }

    /// <summary>Whether presence rules decide (else the old per-watcher decisions and the default policy do).</summary>
    public bool HasRules => rules is not null;

    /// <summary>The policy of <paramref name="state"/>: its rule documents parsed (one that no longer parses counts as no rule).</summary>
    public static PresencePolicy Of(PresentityState state, Subscription.SubscriptionPolicy fallback = Subscription.SubscriptionPolicy.AllowOwnDomain)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!state.HasPresenceRules)
        {
            return new PresencePolicy(state, null, fallback);
        }

        var documents = new List<PresenceRules>();
        foreach (var document in state.OwnerDocuments.Values.Where(d => d.IsRules))
        {
            try
            {
                documents.Add(PresenceRules.Parse(document.Document, new PresenceLimits { MaxDocumentBytes = Math.Max(document.Document.Length, PresenceLimits.Default.MaxDocumentBytes) }));
            }
            catch (PresenceDocumentException)
            {
                // Validated when it was written; a document this build cannot read grants nothing (RFC 4745 section 6.2).
            }
        }

        return new PresencePolicy(state, PresenceRules.Combine(documents), fallback);
    }

    /// <summary>
    /// The decision about <paramref name="watcher"/> (an authenticated identity, or the AOR a peer domain asserted) and
    /// what it may see. With rules: their combined sub-handling (RFC 5025 section 3.2.1) and transformations (RFC 5025
    /// section 3.3); when no rule gives a sub-handling, the configured default policy decides (allow: the whole document;
    /// otherwise confirm), so a user who writes one rule does not change how everybody else is treated. Without rules: the
    /// admin API's old decision if one exists, else null (the default policy stands), and null permissions (the whole
    /// document once allowed). The presentity sees all of its own.
    /// </summary>
    public (AuthorizationDecision? Decision, PresencePermissions? Permissions) Evaluate(string watcher, string? sphere, DateTimeOffset now)
    {
        if (rules is null)
        {
            return (state.RuleFor(watcher), null);
        }

        if (IsOwner(watcher))
        {
            return (AuthorizationDecision.Allow, null);
        }

        var permissions = rules.Evaluate(watcher, sphere, now);
        if (permissions.SubHandling is { } handling)
        {
            return (Decision(handling), permissions);
        }

        // No rule decides: the server's default (our choice where RFC 5025 leaves it to the server; docs/xcap.md). The
        // transformations of rules that matched without a sub-handling still apply; with none matching, all is seen.
        return Subscription.SubscriptionDecision.Authorize(state.Aor, watcher, fallback) == Subscription.SubscriptionStatus.Active
            ? (AuthorizationDecision.Allow, permissions == PresencePermissions.None ? null : permissions)
            : (AuthorizationDecision.Confirm, permissions);
    }

    /// <summary>The decision a sub-handling value stands for.</summary>
    public static AuthorizationDecision Decision(SubHandling handling) => handling switch
    {
        SubHandling.Allow => AuthorizationDecision.Allow,
        SubHandling.PoliteBlock => AuthorizationDecision.PoliteBlock,
        SubHandling.Block => AuthorizationDecision.Block,
        _ => AuthorizationDecision.Confirm,
    };

    /// <summary>The next instant a rule's validity begins or ends (the decisions may change then), or null.</summary>
    public DateTimeOffset? NextChange(DateTimeOffset now) => rules?.NextChange(now);

    private bool IsOwner(string watcher) => string.Equals(watcher, state.Aor, StringComparison.Ordinal);
}
