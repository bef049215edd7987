using System.Globalization;
using System.Xml.Linq;
using SimpleActors.Presence.Xml;
using static SimpleActors.Presence.WatcherInfoNames;

namespace SimpleActors.Presence;

/// <summary>From a securely loaded element tree to a <see cref="WatcherInfoDocument"/> (RFC 3858 section 3).</summary>
internal static class WatcherInfoReader
{
    public static WatcherInfoDocument Read(XElement root)
    {
        if (root.Name != WatcherInfoName)
        {
            PresenceDocumentError.Throw("watcherinfo: root is not a watcherinfo element");
        }

        // version: xs:nonNegativeInteger; state: full | partial. Both required.
        var version = Unsigned(root.Attribute("version"), "watcherinfo: missing or bad version")
            ?? PresenceDocumentError.Throw<long>("watcherinfo: missing or bad version");
        var state = State(Token(root.Attribute("state"))) ?? PresenceDocumentError.Throw<WatcherInfoState>("watcherinfo: missing or bad state");

        var lists = new List<WatcherList>();
        var keys = new HashSet<(string Resource, string Package)>();
        foreach (var child in root.Elements())
        {
            if (child.Name == WatcherListName)
            {
                var list = ReadList(child);
                if (!keys.Add((list.Resource, list.Package)))
                {
                    PresenceDocumentError.Throw("watcherinfo: duplicate watcher-list");
                }

                lists.Add(list);
            }
            else if (child.Name.Namespace == WatcherInfoNs)
            {
                PresenceDocumentError.Throw("watcherinfo: unknown element");
            }
        }

        return new WatcherInfoDocument(version, state, lists);
    }

    private static WatcherList ReadList(XElement element)
    {
        var resource = Token(element.Attribute("resource"));
        if (string.IsNullOrEmpty(resource))
        {
            PresenceDocumentError.Throw("watcherinfo: watcher-list without resource");
        }

        var package = element.Attribute("package")?.Value;
        if (string.IsNullOrEmpty(package))
        {
            PresenceDocumentError.Throw("watcherinfo: watcher-list without package");
        }

        var watchers = new List<Watcher>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var child in element.Elements())
        {
            if (child.Name == WatcherName)
            {
                var watcher = ReadWatcher(child);

                // RFC 3858 section 4: a watcher is matched by its id when a partial document is applied.
                if (!ids.Add(watcher.Id))
                {
                    PresenceDocumentError.Throw("watcherinfo: duplicate watcher id");
                }

                watchers.Add(watcher);
            }
            else if (child.Name.Namespace == WatcherInfoNs)
            {
                PresenceDocumentError.Throw("watcherinfo: unknown element");
            }
        }

        return new WatcherList(resource, package, watchers);
    }

    private static Watcher ReadWatcher(XElement element)
    {
        var id = element.Attribute("id")?.Value;
        if (string.IsNullOrEmpty(id))
        {
            PresenceDocumentError.Throw("watcherinfo: watcher without id");
        }

        var status = Status(Token(element.Attribute("status"))) ?? PresenceDocumentError.Throw<WatcherStatus>("watcherinfo: missing or bad watcher status");
        var watcherEvent = Event(Token(element.Attribute("event"))) ?? PresenceDocumentError.Throw<WatcherEvent>("watcherinfo: missing or bad watcher event");
        var duration = Unsigned(element.Attribute("duration-subscribed"), "watcherinfo: bad duration-subscribed");
        var expiration = Unsigned(element.Attribute("expiration"), "watcherinfo: bad expiration");
        if (element.HasElements)
        {
            PresenceDocumentError.Throw("watcherinfo: watcher with child elements");
        }

        var uri = CanonicalXml.TrimXmlWhitespace(element.Value);
        if (uri.Length == 0)
        {
            PresenceDocumentError.Throw("watcherinfo: watcher without URI");
        }

        return new Watcher(id, uri, status, watcherEvent, element.Attribute("display-name")?.Value, duration, expiration);
    }

    private static string Token(XAttribute? attribute) =>
        attribute is null ? string.Empty : CanonicalXml.TrimXmlWhitespace(attribute.Value);

    /// <summary>xs:unsignedLong / xs:nonNegativeInteger, as far as a long holds; null when absent.</summary>
    private static long? Unsigned(XAttribute? attribute, string reason)
    {
        if (attribute is null)
        {
            return null;
        }

        var text = Token(attribute);
        if (text.StartsWith('+'))
        {
            text = text[1..];
        }

        return text.Length > 0 && text.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0
               && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : PresenceDocumentError.Throw<long>(reason);
    }
}
