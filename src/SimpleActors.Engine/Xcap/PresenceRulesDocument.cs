using System.Text;
using System.Xml;
using System.Xml.Linq;
using SimpleActors.Engine.Presence;
using SimpleActors.Presence.Rules;

namespace SimpleActors.Engine.Xcap;

/// <summary>
/// The server's own edit of an owner's pres-rules document: the admin API's decision about one watcher, as the rule
/// <see cref="PresenceRulesEditor"/> writes (identity <c>one</c> of the watcher, its sub-handling, RFC 5025 section
/// 3.2.1), other rules kept as they are.
/// </summary>
public static class PresenceRulesDocument
{
    /// <summary>The document with the decision written in, and the parsed result to validate; or the reason it cannot be written.</summary>
    public static (byte[]? Document, XDocument? Parsed, string? Failure) WithDecision(byte[]? current, string watcher, AuthorizationDecision decision)
    {
        XDocument? document = null;
        if (current is not null)
        {
            try
            {
                document = StoredDocument.Read(current);
            }
            catch (XmlException e)
            {
                return (null, null, $"the stored pres-rules document does not parse: {e.Message}");
            }
        }

        XDocument edited;
        try
        {
            edited = PresenceRulesEditor.SetDecision(document, watcher, SubHandlingOf(decision));
        }
        catch (ArgumentException e)
        {
            return (null, null, e.Message);
        }

        return (Write(edited), edited, null);
    }

    /// <summary>The sub-handling a decision stands for (RFC 5025 section 3.2.1).</summary>
    public static SubHandling SubHandlingOf(AuthorizationDecision decision) => decision switch
    {
        AuthorizationDecision.Allow => SubHandling.Allow,
        AuthorizationDecision.PoliteBlock => SubHandling.PoliteBlock,
        AuthorizationDecision.Block => SubHandling.Block,
        _ => SubHandling.Confirm,
    };

    private static byte[] Write(XDocument document)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false }))
        {
            document.Save(writer);
        }

        return stream.ToArray();
    }
}
