using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using static SimpleActors.Presence.Rules.PresenceRulesNames;

namespace SimpleActors.Presence.Rules;

/// <summary>
/// Pure edits of a pres-rules document for the admin API: one rule per watcher, named
/// <c>sa-watcher-</c> and a hash of the watcher's normalised identity, with
/// <c>&lt;identity&gt;&lt;one id=watcher/&gt;&lt;/identity&gt;</c> and the decision as its
/// <c>sub-handling</c>. Other rules are left as they are. The input document is never changed.
/// </summary>
/// <remarks>
/// Common policy combines by maximum (RFC 4745 section 10): a <c>block</c> written here does not win
/// over another rule that allows the same watcher (a <c>many</c>, say). The editor does not touch
/// such rules; the admin API can show them with <see cref="PresenceRules.Evaluate"/>.
/// </remarks>
public static class PresenceRulesEditor
{
    /// <summary>The prefix of the ids of the rules this editor writes.</summary>
    public const string RuleIdPrefix = "sa-watcher-";

    /// <summary>
    /// The document with the watcher's rule added or replaced (in place). An <c>allow</c> rule provides
    /// everything (<c>all-services</c>, <c>all-persons</c>, <c>all-devices</c>,
    /// <c>provide-all-attributes</c>); the others provide nothing.
    /// </summary>
    /// <param name="current">The current document, or null for none (a new <c>cp:ruleset</c>).</param>
    /// <param name="watcherAor">The watcher's address-of-record URI (sip:, sips:, tel:, ...).</param>
    /// <param name="decision">The sub-handling.</param>
    /// <exception cref="ArgumentException"><paramref name="watcherAor"/> is not a URI, the root of <paramref name="current"/> is not a common-policy ruleset, or <paramref name="decision"/> is not defined.</exception>
    public static XDocument SetDecision(XDocument? current, string watcherAor, SubHandling decision)
    {
        if (!Enum.IsDefined(decision))
        {
            throw new ArgumentException("Not a sub-handling value.", nameof(decision));
        }

        var watcher = Watcher(watcherAor);
        var document = Copy(current);
        var ruleset = document.Root!;
        if (ruleset.GetPrefixOfNamespace(Pr) is null)
        {
            ruleset.Add(new XAttribute(XNamespace.Xmlns + UnusedPrefix(ruleset, "pr"), Pr.NamespaceName));
        }

        var rule = new XElement(
            Rule,
            new XAttribute(IdAttribute, RuleId(watcher)),
            new XElement(Conditions, new XElement(Identity, new XElement(One, new XAttribute(IdAttribute, watcher)))),
            new XElement(Actions, new XElement(PresenceRulesNames.SubHandling, Token(decision))));
        if (decision == SubHandling.Allow)
        {
            rule.Add(new XElement(
                Transformations,
                new XElement(ProvideServices, new XElement(AllServices)),
                new XElement(ProvidePersons, new XElement(AllPersons)),
                new XElement(ProvideDevices, new XElement(AllDevices)),
                new XElement(ProvideAllAttributes)));
        }

        if (Find(ruleset, watcher) is { } existing)
        {
            existing.ReplaceWith(rule);
        }
        else
        {
            ruleset.Add(rule);
        }

        return document;
    }

    /// <summary>The document without the watcher's rule (unchanged when it has none; an empty ruleset for null).</summary>
    /// <exception cref="ArgumentException">As <see cref="SetDecision"/>.</exception>
    public static XDocument RemoveDecision(XDocument? current, string watcherAor)
    {
        var watcher = Watcher(watcherAor);
        var document = Copy(current);
        Find(document.Root!, watcher)?.Remove();
        return document;
    }

    /// <summary>The sub-handling of the watcher's rule written by this editor, or null when there is none.</summary>
    /// <exception cref="ArgumentException">As <see cref="SetDecision"/>.</exception>
    public static SubHandling? GetDecision(XDocument? current, string watcherAor)
    {
        var watcher = Watcher(watcherAor);
        if (current?.Root is not { } root || root.Name != Ruleset || Find(root, watcher) is not { } rule)
        {
            return null;
        }

        return rule.Element(Actions)?.Element(PresenceRulesNames.SubHandling)?.Value.Trim() switch
        {
            "block" => SubHandling.Block,
            "confirm" => SubHandling.Confirm,
            "polite-block" => SubHandling.PoliteBlock,
            "allow" => SubHandling.Allow,
            _ => null,
        };
    }

    /// <summary>The id of the rule for a watcher: <see cref="RuleIdPrefix"/> and 16 hex digits of the SHA-256 of its normalised identity.</summary>
    /// <exception cref="ArgumentException"><paramref name="watcherAor"/> is not a URI.</exception>
    public static string RuleIdFor(string watcherAor) => RuleId(Watcher(watcherAor));

    private static string RuleId(string normalized)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(normalized), hash);
        return RuleIdPrefix + Convert.ToHexStringLower(hash[..8]);
    }

    private static string Watcher(string watcherAor)
    {
        ArgumentNullException.ThrowIfNull(watcherAor);
        return WatcherIdentity.Normalize(watcherAor) is { } normalized && PresentityUri.IsUriText(normalized)
            ? normalized
            : throw new ArgumentException("The watcher must be a URI such as sip:user@example.com.", nameof(watcherAor));
    }

    private static XDocument Copy(XDocument? current)
    {
        if (current is null)
        {
            return new XDocument(
                new XDeclaration("1.0", "UTF-8", null),
                new XElement(Ruleset, new XAttribute(XNamespace.Xmlns + "cp", Cp.NamespaceName), new XAttribute(XNamespace.Xmlns + "pr", Pr.NamespaceName)));
        }

        if (current.Root?.Name != Ruleset)
        {
            throw new ArgumentException("The document's root is not a common-policy ruleset.", nameof(current));
        }

        return new XDocument(current);
    }

    private static XElement? Find(XElement ruleset, string watcher)
    {
        var id = RuleId(watcher);
        return ruleset.Elements(Rule).FirstOrDefault(r => (string?)r.Attribute(IdAttribute) == id);
    }

    private static string UnusedPrefix(XElement root, string wanted)
    {
        var prefix = wanted;
        for (var i = 1; root.GetNamespaceOfPrefix(prefix) is not null; i++)
        {
            prefix = wanted + i.ToString(CultureInfo.InvariantCulture);
        }

        return prefix;
    }

    private static string Token(SubHandling decision) => decision switch
    {
        SubHandling.Block => "block",
        SubHandling.Confirm => "confirm",
        SubHandling.PoliteBlock => "polite-block",
        _ => "allow",
    };
}
