using System.Globalization;
using System.Xml;
using SimpleActors.Presence.Xml;
using static SimpleActors.Presence.WatcherInfoNames;

namespace SimpleActors.Presence;

/// <summary>Writes a <see cref="WatcherInfoDocument"/> (RFC 3858 section 3) after checking it reads back equal.</summary>
internal static class WatcherInfoWriter
{
    public static byte[] Write(WatcherInfoDocument document)
    {
        ThrowIfInvalid(document);
        return PresenceXmlWriter.Write(document, WriteDocument);
    }

    private static void WriteDocument(XmlWriter writer, WatcherInfoDocument document)
    {
        var ns = WatcherInfoNs.NamespaceName;
        writer.WriteStartElement("watcherinfo", ns);
        writer.WriteAttributeString("xmlns", ns);
        writer.WriteAttributeString("version", document.Version.ToString(CultureInfo.InvariantCulture));
        writer.WriteAttributeString("state", Word(document.State));
        foreach (var list in document.Lists)
        {
            writer.WriteStartElement("watcher-list", ns);
            writer.WriteAttributeString("resource", list.Resource);
            writer.WriteAttributeString("package", list.Package);
            foreach (var watcher in list.Watchers)
            {
                writer.WriteStartElement("watcher", ns);
                writer.WriteAttributeString("id", watcher.Id);
                writer.WriteAttributeString("status", Word(watcher.Status));
                writer.WriteAttributeString("event", Word(watcher.Event));
                if (watcher.DisplayName is not null)
                {
                    writer.WriteAttributeString("display-name", watcher.DisplayName);
                }

                if (watcher.DurationSubscribed is { } duration)
                {
                    writer.WriteAttributeString("duration-subscribed", duration.ToString(CultureInfo.InvariantCulture));
                }

                if (watcher.Expiration is { } expiration)
                {
                    writer.WriteAttributeString("expiration", expiration.ToString(CultureInfo.InvariantCulture));
                }

                writer.WriteString(watcher.Uri);
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    }

    private static void ThrowIfInvalid(WatcherInfoDocument document)
    {
        if (document.Version < 0)
        {
            PresenceDocumentError.InvalidModel("watcherinfo: negative version");
        }

        if (!Enum.IsDefined(document.State))
        {
            PresenceDocumentError.InvalidModel("watcherinfo: bad state");
        }

        var keys = new HashSet<(string, string)>();
        foreach (var list in document.Lists)
        {
            if (!IsTrimmedToken(list.Resource))
            {
                PresenceDocumentError.InvalidModel("watcherinfo: watcher-list resource empty or untrimmed");
            }

            if (string.IsNullOrEmpty(list.Package))
            {
                PresenceDocumentError.InvalidModel("watcherinfo: watcher-list without package");
            }

            if (!keys.Add((list.Resource, list.Package)))
            {
                PresenceDocumentError.InvalidModel("watcherinfo: duplicate watcher-list");
            }

            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var watcher in list.Watchers)
            {
                if (string.IsNullOrEmpty(watcher.Id) || !ids.Add(watcher.Id))
                {
                    PresenceDocumentError.InvalidModel("watcherinfo: watcher id empty or duplicate");
                }

                if (!IsTrimmedToken(watcher.Uri))
                {
                    PresenceDocumentError.InvalidModel("watcherinfo: watcher URI empty or untrimmed");
                }

                if (!Enum.IsDefined(watcher.Status) || !Enum.IsDefined(watcher.Event))
                {
                    PresenceDocumentError.InvalidModel("watcherinfo: bad watcher status or event");
                }

                if (watcher.DurationSubscribed < 0 || watcher.Expiration < 0)
                {
                    PresenceDocumentError.InvalidModel("watcherinfo: negative duration-subscribed or expiration");
                }
            }
        }
    }

    private static bool IsTrimmedToken(string? value) =>
        !string.IsNullOrEmpty(value) && CanonicalXml.TrimXmlWhitespace(value).Length == value.Length;
}
