using System.Text;
using System.Xml.Linq;
using SimpleActors.Presence;
using SimpleActors.Presence.Patch;
using SimpleActors.Presence.Rules;
using SimpleActors.Xcap;
using SimpleActors.Xcap.Diff;
using SimpleActors.Xcap.NodeSelectors;
using SimpleActors.Xcap.Operations;
using SimpleActors.Xcap.Usages;

namespace SimpleActors.Fuzz;

/// <summary>
/// The XCAP server's pure core, as the edge and the XcapDocument entity drive it. The input's first line is a request
/// target (<c>/xcap-root/resource-lists/users/sip:alice@example.com/index/~~/resource-lists/list%5B@name="l"%5D?xmlns(...)</c>),
/// the rest is a body:
/// <list type="bullet">
/// <item><see cref="XcapUri.TryParse"/> on the target (its one rejection is <see cref="XcapUriException"/>, returned, not thrown);</item>
/// <item>for a URI of a known usage, <see cref="XcapOperation.Execute"/> for GET, PUT (with the media type the URI asks for)
/// and DELETE, each on a small stored document of the usage (RFC 4826, RFC 5025, RFC 3863 examples) and on no document,
/// with small limits so that the limit checks are reachable;</item>
/// <item>the body alone to <see cref="PresenceRules.Parse"/> (rules it accepts are evaluated for a watcher) and to
/// <see cref="XcapDiffReader.Parse(ReadOnlySpan{byte}, int)"/> (patches it accepts are applied with
/// <see cref="XmlPatch.Apply(XDocument, IEnumerable{XElement})"/> to the stored resource-lists document).</item>
/// </list>
/// Expected: the documented rejections (<see cref="XcapUriException"/>, <see cref="PresenceDocumentException"/>,
/// <see cref="FormatException"/> from the xcap-diff reader, <see cref="XmlPatchException"/>); every other exception is a
/// crash, and so is a 5xx answer (the stored documents are good, so the server has nothing to fail on), and a PUT or
/// DELETE that succeeds but breaks RFC 4825's rules for it: a GET of the URI afterwards must return the body
/// (section 8.2.3) or 404 (section 8.4). With FUZZ_TRACE set, what each step answered goes to standard error.
/// </summary>
internal sealed class XcapTarget : IFuzzTarget
{
    public const string RootPath = "/xcap-root";
    private const string RootUrl = "http://xcap.example.com/xcap-root";

    private static readonly XcapLimits Limits = new()
    {
        MaxDocumentBytes = 16 * 1024, MaxDepth = 12, MaxElements = 200, MaxAttributesPerElement = 8, MaxUriLength = 2048,
    };

    private static readonly bool Trace = Environment.GetEnvironmentVariable("FUZZ_TRACE") is not null;

    private static readonly DateTimeOffset Now = new(2024, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private const string ResourceLists = """
        <?xml version="1.0" encoding="UTF-8"?>
        <resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
         <list name="friends">
          <entry uri="sip:bill@example.com"><display-name>Bill Doe</display-name></entry>
          <list name="close-friends">
           <display-name>Close Friends</display-name>
           <entry uri="sip:joe@example.com"><display-name>Joe Smith</display-name></entry>
           <entry uri="sip:nancy@example.com"/>
          </list>
         </list>
        </resource-lists>
        """;

    private const string RlsServices = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rls-services xmlns="urn:ietf:params:xml:ns:rls-services" xmlns:rl="urn:ietf:params:xml:ns:resource-lists">
         <service uri="sip:marketing@example.com">
           <list name="marketing"><rl:entry uri="sip:joe@example.com"/></list>
           <packages><package>presence</package></packages>
         </service>
        </rls-services>
        """;

    private const string PresRules = """
        <?xml version="1.0" encoding="UTF-8"?>
        <cr:ruleset xmlns="urn:ietf:params:xml:ns:pres-rules" xmlns:pr="urn:ietf:params:xml:ns:pres-rules" xmlns:cr="urn:ietf:params:xml:ns:common-policy">
         <cr:rule id="a">
          <cr:conditions><cr:identity><cr:one id="sip:bob@example.com"/></cr:identity></cr:conditions>
          <cr:actions><pr:sub-handling>allow</pr:sub-handling></cr:actions>
          <cr:transformations><pr:provide-persons><pr:all-persons/></pr:provide-persons></cr:transformations>
         </cr:rule>
        </cr:ruleset>
        """;

    private const string Pidf = """
        <?xml version="1.0" encoding="UTF-8"?>
        <presence xmlns="urn:ietf:params:xml:ns:pidf" entity="pres:alice@example.com">
          <tuple id="t1"><status><basic>open</basic></status><contact priority="0.8">sip:alice@example.com</contact></tuple>
          <note xml:lang="en">Don't Bother Me!</note>
        </presence>
        """;

    private static readonly Dictionary<string, XcapStoredDocument> Stored = new(StringComparer.Ordinal)
    {
        [ResourceListsUsage.Instance.Auid] = Store(ResourceLists),
        [RlsServicesUsage.Instance.Auid] = Store(RlsServices),
        [PresRulesUsage.Ietf.Auid] = Store(PresRules),
        [PresRulesUsage.Oma.Auid] = Store(PresRules),
        [PidfManipulationUsage.Instance.Auid] = Store(Pidf),
        [XcapCapsUsage.Instance.Auid] = Store(XcapCapsDocument.Write(ApplicationUsages.All).ToString(SaveOptions.DisableFormatting)),
    };

    private static readonly XDocument PatchTarget = XDocument.Parse(ResourceLists, LoadOptions.PreserveWhitespace);

    public void Run(ReadOnlySpan<byte> input)
    {
        var newline = input.IndexOf((byte)'\n');
        var line = newline < 0 ? input : input[..newline];
        var body = newline < 0 ? ReadOnlySpan<byte>.Empty : input[(newline + 1)..];
        if (line.EndsWith("\r"u8))
        {
            line = line[..^1];
        }

        Xcap(Encoding.UTF8.GetString(line), body.ToArray());
        Rules(body);
        Diff(body);
    }

    private static void Xcap(string target, byte[] body)
    {
        var question = target.IndexOf('?', StringComparison.Ordinal);
        var (path, query) = question < 0 ? (target, null) : (target[..question], target[(question + 1)..]);
        if (!XcapUri.TryParse(path, query, RootPath, out var uri, out var error, Limits))
        {
            Log($"uri: {error.StatusCode} {error.Reason}");
            if (error.StatusCode is not (400 or 404 or 414))
            {
                throw new FuzzFinding($"XcapUri refused with {error.StatusCode}");
            }

            return;
        }

        if (ApplicationUsages.Find(uri.DocumentSelector.Auid) is not { } usage)
        {
            return;
        }

        var stored = Stored.GetValueOrDefault(usage.Auid);
        foreach (var current in stored is null ? [null] : new[] { stored, null })
        {
            Get(uri, current, usage);
            Put(uri, current, usage, body);
            Delete(uri, current, usage);
        }
    }

    private static XcapResponse Execute(XcapRequest request, XcapStoredDocument? current, IApplicationUsage usage)
    {
        var response = XcapOperation.Execute(request with { XcapRootUrl = RootUrl }, current, usage, "next", Limits);
        Log($"{request.Method} {request.Uri} on {(current is null ? "no document" : "the stored document")}: {response.StatusCode} {response.Reason}");
        if (response.StatusCode >= 500)
        {
            throw new FuzzFinding($"{request.Method} answered {response.StatusCode} ({response.Reason})");
        }

        return response;
    }

    private static XcapResponse Get(XcapUri uri, XcapStoredDocument? current, IApplicationUsage usage) =>
        Execute(new XcapRequest("GET", uri), current, usage);

    private static void Put(XcapUri uri, XcapStoredDocument? current, IApplicationUsage usage, byte[] body)
    {
        var contentType = uri.NodeSelector?.Kind switch
        {
            null => usage.MimeType,
            XcapNodeKind.Element => XcapMediaTypes.Element,
            _ => XcapMediaTypes.Attribute,
        };
        var response = Execute(new XcapRequest("PUT", uri) { ContentType = contentType, Body = body }, current, usage);
        if (response.Change.Kind != XcapChangeKind.Written)
        {
            return;
        }

        // RFC 4825 section 8.2.3: after a successful PUT, a GET of the URI returns the body.
        var after = Get(uri, new XcapStoredDocument(response.Change.Content, "next"), usage);
        var expected = uri.NodeSelector?.Kind switch
        {
            null => body,
            XcapNodeKind.Element => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Trim(' ', '\t', '\r', '\n', '\uFEFF')),
            _ => body,
        };
        if (after.StatusCode != 200 || !after.Body.Span.SequenceEqual(expected))
        {
            throw new FuzzFinding($"PUT answered {response.StatusCode}, then GET of the URI answered {after.StatusCode} with another body");
        }
    }

    private static void Delete(XcapUri uri, XcapStoredDocument? current, IApplicationUsage usage)
    {
        var response = Execute(new XcapRequest("DELETE", uri), current, usage);
        if (response.Change.Kind != XcapChangeKind.Written)
        {
            return;
        }

        // RFC 4825 section 8.4: after a successful DELETE, a GET of the URI finds nothing.
        var after = Get(uri, new XcapStoredDocument(response.Change.Content, "next"), usage);
        if (after.StatusCode != 404)
        {
            throw new FuzzFinding($"DELETE answered {response.StatusCode}, then GET of the URI answered {after.StatusCode}");
        }
    }

    private static void Rules(ReadOnlySpan<byte> body)
    {
        PresenceRules rules;
        try
        {
            rules = PresenceRules.Parse(body);
        }
        catch (PresenceDocumentException e)
        {
            Log($"pres-rules: {e.Message}");
            return;
        }

        Log($"pres-rules: {rules.RuleIds.Count} rules");

        rules.Evaluate("sip:bob@example.com", "work", Now);
        rules.Evaluate(null, null, Now);
    }

    private static void Diff(ReadOnlySpan<byte> body)
    {
        XcapDiffDocument diff;
        try
        {
            diff = XcapDiffReader.Parse(body, Limits.MaxDocumentBytes);
        }
        catch (FormatException e)
        {
            Log($"xcap-diff: {e.Message}");
            return;
        }

        Log($"xcap-diff: {diff.Entries.Count} entries");

        foreach (var entry in diff.Entries.OfType<XcapDiffDocumentEntry>())
        {
            try
            {
                XmlPatch.Apply(PatchTarget, entry.Operations);
            }
            catch (XmlPatchException e)
            {
                // The patch does not apply to this document: the documented failure.
                Log($"patch: {e.Message}");
            }
        }
    }

    private static void Log(string line)
    {
        if (Trace)
        {
            Console.Error.WriteLine(line);
        }
    }

    private static XcapStoredDocument Store(string document) => new(Encoding.UTF8.GetBytes(document), "stored");
}
