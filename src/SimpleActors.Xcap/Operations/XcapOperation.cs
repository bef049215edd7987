using System.Text;
using System.Xml.Linq;
using SimpleActors.Xcap.Errors;
using SimpleActors.Xcap.NodeSelectors;
using SimpleActors.Xcap.Usages;
using SimpleActors.Xcap.Xml;

namespace SimpleActors.Xcap.Operations;

/// <summary>
/// The XCAP operations (RFC 4825 section 8) as one pure function: a request, the document as stored (or null), its
/// application usage and the entity tag a change would get, in; the response and the change to persist, out. No I/O, no
/// clock, no state: the caller (an event-sourced entity) persists <see cref="XcapResponse.Change"/> and answers.
/// <para>Decisions where the RFC leaves room or is silent:</para>
/// <list type="bullet">
/// <item>Edits splice the stored text: the rest of the document stays byte for byte (prefixes, quotes, comments, white
/// space). A new element is inserted without white space around it; a deleted one leaves the white space around it.</item>
/// <item>A PUT or DELETE whose result has the same bytes as the stored document changes nothing: 200, the same ETag,
/// <see cref="XcapChangeKind.None"/>. RFC 4825 section 8.5 asks for a new ETag on every change, and this is no change;
/// it also makes a retried PUT idempotent for caches and xcap-diff subscribers.</item>
/// <item>Preconditions (If-Match, If-None-Match) are evaluated as RFC 9110 section 13.2.1 says: only when the request
/// would otherwise succeed, so a PUT that conflicts gets its 409 whatever its If-Match. Entity tags are the document's
/// (section 8.5); <c>*</c> asks whether the target resource (document, element or attribute) exists.</item>
/// <item>A PUT whose selector matches several elements or attributes is <c>cannot-insert</c>: it can neither create (the
/// node exists) nor replace one of them so that a GET of the URI returns the body (section 8.2.3's GET(PUT(x)) == x). A
/// parent matched several times is <c>no-parent</c>. GET and DELETE answer 404 (section 8.3, 8.4).</item>
/// <item>An element or attribute PUT into a missing document is <c>no-parent</c> with the XCAP root as ancestor.</item>
/// <item>A node selector whose first step repeats the AUID where the document's root has another name (IMSDroid's
/// <c>~~/org.openmobilealliance.pres-rules/ruleset</c>) is 404 for every method, not matched leniently.</item>
/// <item>Deleting the root element is <c>cannot-delete</c>: a document has one root; DELETE the document instead.</item>
/// <item>The global tree is read only whenever the usage has one (<see cref="GlobalAccess"/>), 404 when it has none;
/// PUT and DELETE on a server-written usage or the global tree, or on <c>namespace::*</c>, answer 405 with <c>Allow: GET, HEAD</c>.
/// Authorisation (who may read which tree) is the caller's.</item>
/// <item>HEAD is GET without the body.</item>
/// <item>Every 2xx carries the document's ETag: the current one for a read or a no-op, <c>nextETag</c> for a change,
/// including the deletion of the whole document (the caller may keep it as the tombstone's tag or drop it).</item>
/// </list>
/// </summary>
public static class XcapOperation
{
    /// <summary>The Allow header of a resource clients may write.</summary>
    public const string AllowReadWrite = "GET, HEAD, PUT, DELETE";

    /// <summary>The Allow header of a resource only the server writes.</summary>
    public const string AllowReadOnly = "GET, HEAD";

    /// <summary>Runs one request.</summary>
    /// <param name="request">The request, its URI already parsed.</param>
    /// <param name="current">The document as stored, or null when there is none.</param>
    /// <param name="usage">The application usage of the URI's AUID.</param>
    /// <param name="nextETag">The entity tag the document gets if this request changes it.</param>
    /// <param name="limits">Null for <see cref="XcapLimits.Default"/>.</param>
    public static XcapResponse Execute(XcapRequest request, XcapStoredDocument? current, IApplicationUsage usage, string nextETag, XcapLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(usage);
        ArgumentException.ThrowIfNullOrEmpty(nextETag);
        limits ??= XcapLimits.Default;
        limits.ThrowIfInvalid();
        if (!string.Equals(usage.Auid, request.Uri.DocumentSelector.Auid, StringComparison.Ordinal))
        {
            throw new ArgumentException($"the usage {usage.Auid} is not the URI's ({request.Uri.DocumentSelector.Auid})", nameof(usage));
        }

        try
        {
            return new Execution(request, current, usage, nextETag, limits).Run();
        }
        catch (XcapFailure failure)
        {
            return new XcapResponse(failure.StatusCode)
            {
                ContentType = failure.Error is null ? null : XcapErrorDocument.MediaType,
                Body = failure.Error is null ? ReadOnlyMemory<byte>.Empty : XcapErrorDocument.Write(failure.Error),
                Error = failure.Error,
                Allow = failure.Allow,
                Reason = failure.Message,
            };
        }
    }

    private sealed class Execution(XcapRequest request, XcapStoredDocument? current, IApplicationUsage usage, string nextETag, XcapLimits limits)
    {
        private readonly XcapUri _uri = request.Uri;
        private readonly XcapNodeSelector? _node = request.Uri.NodeSelector;
        private readonly string _ns = usage.DefaultNamespace;

        public XcapResponse Run()
        {
            var method = request.Method;
            var isRead = method is "GET" or "HEAD";
            var selector = _uri.DocumentSelector;
            if (selector.IsGlobal && usage.GlobalTree == GlobalAccess.None)
            {
                XcapFailure.Throw(404, $"{usage.Auid} has no global documents");
            }

            var readOnly = usage.ServerWritten || selector.IsGlobal || _node?.Kind == XcapNodeKind.NamespaceBindings;
            if (!isRead && method is not ("PUT" or "DELETE"))
            {
                throw new XcapFailure(405, $"{method} is not an XCAP method", allow: readOnly ? AllowReadOnly : AllowReadWrite);
            }

            if (!isRead && readOnly)
            {
                throw new XcapFailure(405, "the resource is read only", allow: AllowReadOnly);
            }

            var document = current is null ? null : ReadStored(current);
            if (document is not null)
            {
                RejectRepeatedAuid(document);
            }

            var targetExists = document is not null && (_node is null || _node.Select(document.Tree, _ns).Count > 0);
            var outcome = method switch
            {
                "GET" or "HEAD" => Get(document),
                "PUT" => Put(document),
                _ => Delete(document),
            };

            var failed = Preconditions(isRead, targetExists);
            if (failed is { } status)
            {
                return new XcapResponse(status) { ETag = status == 304 ? current?.ETag : null, Reason = "precondition failed" };
            }

            return Respond(outcome, method == "HEAD");
        }

        private XcapResponse Respond(Outcome outcome, bool head)
        {
            var change = outcome.Change;
            if (change.Kind == XcapChangeKind.Written && current is not null && change.Content.Span.SequenceEqual(current.Content.Span))
            {
                change = XcapDocumentChange.None;
            }

            return new XcapResponse(outcome.Status)
            {
                ContentType = outcome.ContentType,
                Body = head ? ReadOnlyMemory<byte>.Empty : outcome.Body,
                ETag = change.Kind == XcapChangeKind.None ? current?.ETag : nextETag,
                Change = change,
            };
        }

        // RFC 9110 section 13.2.2: If-Match first (412), then If-None-Match (304 for GET and HEAD, else 412).
        private int? Preconditions(bool isRead, bool targetExists)
        {
            var etag = current?.ETag;
            if (request.IfMatch is { } ifMatch)
            {
                var passes = EntityTags.IsAny(ifMatch) ? targetExists : etag is not null && EntityTags.Contains(ifMatch, etag, weakComparison: false);
                if (!passes)
                {
                    return 412;
                }
            }

            if (request.IfNoneMatch is { } ifNoneMatch)
            {
                var matches = EntityTags.IsAny(ifNoneMatch) ? targetExists : etag is not null && EntityTags.Contains(ifNoneMatch, etag, weakComparison: true);
                if (matches)
                {
                    return isRead ? 304 : 412;
                }
            }

            return null;
        }

        private SourceDocument ReadStored(XcapStoredDocument stored)
        {
            try
            {
                return XcapXmlParser.ParseDocument(stored.Content.Span, limits);
            }
            catch (XcapFailure e)
            {
                throw new XcapFailure("the stored document cannot be read: " + e.Message, e);
            }
        }

        private void RejectRepeatedAuid(SourceDocument document)
        {
            if (_node?.Steps[0] is { Name: { Prefix: null } name, Position: null, AttributeTest: null }
                && name.LocalName == usage.Auid
                && document.Tree.Root?.Name.LocalName != usage.Auid)
            {
                XcapFailure.Throw(404, "the node selector repeats the AUID");
            }
        }

        // RFC 4825 section 8.3.
        private Outcome Get(SourceDocument? document)
        {
            if (document is null)
            {
                XcapFailure.Throw(404, "no such document");
            }

            if (_node is null)
            {
                return new Outcome(200, usage.MimeType, current!.Content, XcapDocumentChange.None);
            }

            var nodes = _node.Select(document.Tree, _ns);
            if (nodes.Count != 1)
            {
                XcapFailure.Throw(404, nodes.Count == 0 ? "no such node" : "the node selector matches more than one node");
            }

            return _node.Kind switch
            {
                XcapNodeKind.Element => Text(XcapMediaTypes.Element, document.TextOf((XElement)nodes[0])),
                XcapNodeKind.Attribute => Text(XcapMediaTypes.Attribute, document.TextOf((XAttribute)nodes[0])),
                _ => Text(XcapMediaTypes.Namespaces, NamespaceBindings(document, (XElement)nodes[0])),
            };
        }

        // RFC 4825 section 10: an empty element named as the selected one, declaring every namespace in scope there.
        private static string NamespaceBindings(SourceDocument document, XElement element)
        {
            var builder = new StringBuilder("<").Append(document.Locate(element).QName);
            foreach (var (prefix, ns) in NamespaceScope.Of(element))
            {
                builder.Append(prefix.Length == 0 ? " xmlns" : " xmlns:").Append(prefix).Append("=\"").Append(EscapeAttribute(ns)).Append('"');
            }

            return builder.Append("/>").ToString();
        }

        private Outcome Put(SourceDocument? document)
        {
            var mediaType = _node?.Kind switch
            {
                null => usage.MimeType,
                XcapNodeKind.Element => XcapMediaTypes.Element,
                _ => XcapMediaTypes.Attribute,
            };

            // RFC 4825 section 8.2.2 (here first, as it needs no document): the body's media type, else 415.
            if (!XcapMediaTypes.Matches(request.ContentType, mediaType))
            {
                XcapFailure.Throw(415, $"a PUT here must be {mediaType}");
            }

            if (request.Body.Length > limits.MaxDocumentBytes)
            {
                XcapFailure.Throw(413, "body too large");
            }

            return _node?.Kind switch
            {
                null => PutDocument(),
                XcapNodeKind.Element => PutElement(document, _node),
                _ => PutAttribute(document, _node),
            };
        }

        private Outcome PutDocument()
        {
            var document = XcapXmlParser.ParseDocument(request.Body.Span, limits);
            Validate(document);
            return new Outcome(current is null ? 201 : 200, null, ReadOnlyMemory<byte>.Empty, XcapDocumentChange.Written(request.Body.ToArray()));
        }

        // RFC 4825 sections 8.2.1 (the parent), 8.2.2 (the body), 8.2.3 (creation), 8.2.4 (replacement), 8.2.5 (validity).
        private Outcome PutElement(SourceDocument? document, XcapNodeSelector selector)
        {
            if (document is null)
            {
                NoParent(RootAncestor());
            }

            var steps = selector.Steps;
            XContainer parent = document.Tree;
            if (steps.Count > 1)
            {
                var parents = selector.SelectElements(document.Tree, _ns, steps.Count - 1);
                if (parents.Count != 1)
                {
                    NoParent(ClosestAncestor(document, selector, steps.Count - 2));
                }

                parent = parents[0];
            }

            var body = XcapXmlParser.DecodeUtf8(request.Body.Span);
            var (fragment, name) = XcapXmlParser.ParseElementFragment(body, NamespaceScope.Of(parent as XElement), limits);
            var last = steps[^1];
            if (last.Name is { } stepName && name != stepName.ElementName(_ns))
            {
                XcapFailure.Conflict(XcapErrorKind.CannotInsert, "the element's name is not the one the last step selects");
            }

            var matches = last.Select(parent, _ns).ToList();
            string text;
            if (matches.Count > 1)
            {
                return CannotInsert("the node selector matches more than one element");
            }

            if (matches.Count == 1)
            {
                var old = document.Locate(matches[0]);
                text = Splice(document.Text, old.Start, old.End, fragment);
            }
            else
            {
                text = Insert(document, parent, last, name, fragment);
            }

            var edited = ReadEdited(text, document.HasBom, XcapErrorKind.CannotInsert);

            // RFC 4825 section 8.2.3: a GET of the same URI must now return exactly the body.
            var after = selector.SelectElements(edited.Tree, _ns);
            if (after.Count != 1 || !string.Equals(edited.TextOf(after[0]), fragment, StringComparison.Ordinal))
            {
                return CannotInsert("a GET of the URI would not return the body (RFC 4825 section 8.2.3)");
            }

            Validate(edited);
            return Written(edited, created: matches.Count == 0);
        }

        // RFC 4825 section 8.2.3: where a new element goes.
        // - name[n] / *[n]: so that it becomes the n-th child passing the name test: just after the (n-1)-th, or just
        //   before the first when n is 1; n beyond one past the last is cannot-insert.
        // - no position: just after the last sibling with the element's name, else as the last child.
        private static string Insert(SourceDocument document, XContainer parent, XcapStep last, XName name, string fragment)
        {
            if (parent is not XElement parentElement)
            {
                XcapFailure.Conflict(XcapErrorKind.CannotInsert, "a document has one root element");
                return string.Empty;
            }

            var text = document.Text;
            if (last.Position is { } position)
            {
                var counted = parentElement.Elements().Where(e => last.IsAny || e.Name == name).ToList();
                if (position < 1 || position > counted.Count + 1)
                {
                    XcapFailure.Conflict(XcapErrorKind.CannotInsert, "the position is out of range");
                }

                if (position > 1)
                {
                    var after = document.Locate(counted[position - 2]).End;
                    return Splice(text, after, after, fragment);
                }

                if (counted.Count > 0)
                {
                    var before = document.Locate(counted[0]).Start;
                    return Splice(text, before, before, fragment);
                }
            }
            else if (parentElement.Elements().LastOrDefault(e => e.Name == name) is { } sameName)
            {
                var after = document.Locate(sameName).End;
                return Splice(text, after, after, fragment);
            }

            var source = document.Locate(parentElement);
            if (!source.SelfClosing)
            {
                return Splice(text, source.EndTagStart, source.EndTagStart, fragment);
            }

            // <parent/> becomes <parent>fragment</parent>.
            var slash = source.StartTagEnd - 2;
            return Splice(text, slash, source.StartTagEnd, $">{fragment}</{source.QName}>");
        }

        private Outcome PutAttribute(SourceDocument? document, XcapNodeSelector selector)
        {
            if (document is null)
            {
                NoParent(RootAncestor());
            }

            var elements = selector.SelectElements(document.Tree, _ns);
            if (elements.Count != 1)
            {
                NoParent(ClosestAncestor(document, selector, selector.Steps.Count - 1));
            }

            // RFC 4825 section 8.2.2: the body must be an AttValue (without its quotes).
            var value = XcapXmlParser.DecodeUtf8(request.Body.Span);
            if (!XcapAttValue.IsLegalContent(value, out var quote))
            {
                XcapFailure.Conflict(XcapErrorKind.NotXmlAttValue, "the body is not a legal AttValue");
            }

            var element = elements[0];
            var name = selector.Terminal!.Attribute!.AttributeName();
            var existing = element.Attribute(name);
            string text;
            if (existing is { IsNamespaceDeclaration: false })
            {
                var old = document.Locate(existing);
                text = value.Contains(old.Quote, StringComparison.Ordinal)
                    ? Splice(document.Text, old.ValueStart - 1, old.End, $"{quote}{value}{quote}")
                    : Splice(document.Text, old.ValueStart, old.ValueEnd, value);
            }
            else
            {
                var source = document.Locate(element);
                var at = source.Attributes.Count > 0 ? source.Attributes[^1].End : source.Start + 1 + source.QName.Length;
                var declaration = string.Empty;
                var qname = name.LocalName;
                if (name.NamespaceName.Length > 0)
                {
                    var prefix = element.GetPrefixOfNamespace(name.Namespace);
                    if (string.IsNullOrEmpty(prefix))
                    {
                        prefix = selector.Terminal.Attribute.Prefix!;
                        declaration = $" xmlns:{prefix}=\"{EscapeAttribute(name.NamespaceName)}\"";
                    }

                    qname = $"{prefix}:{name.LocalName}";
                }

                text = Splice(document.Text, at, at, $"{declaration} {qname}={quote}{value}{quote}");
            }

            var edited = ReadEdited(text, document.HasBom, XcapErrorKind.CannotInsert);
            var after = selector.Select(edited.Tree, _ns);
            if (after.Count != 1 || !string.Equals(edited.TextOf((XAttribute)after[0]), value, StringComparison.Ordinal))
            {
                return CannotInsert("a GET of the URI would not return the body (RFC 4825 section 8.2.4)");
            }

            Validate(edited);
            return Written(edited, created: existing is null);
        }

        // RFC 4825 section 8.4.
        private Outcome Delete(SourceDocument? document)
        {
            if (document is null)
            {
                XcapFailure.Throw(404, "no such document");
            }

            if (_node is null)
            {
                return new Outcome(200, null, ReadOnlyMemory<byte>.Empty, XcapDocumentChange.Deleted);
            }

            var nodes = _node.Select(document.Tree, _ns);
            if (nodes.Count != 1)
            {
                XcapFailure.Throw(404, nodes.Count == 0 ? "no such node" : "the node selector matches more than one node");
            }

            string text;
            if (nodes[0] is XElement element)
            {
                if (element.Parent is null)
                {
                    XcapFailure.Conflict(XcapErrorKind.CannotDelete, "the root element cannot be deleted; DELETE the document instead");
                }

                var source = document.Locate(element);
                text = Splice(document.Text, source.Start, source.End, string.Empty);
            }
            else
            {
                var source = document.Locate((XAttribute)nodes[0]);
                text = Splice(document.Text, source.SpaceStart, source.End, string.Empty);
            }

            var edited = ReadEdited(text, document.HasBom, XcapErrorKind.CannotDelete);

            // RFC 4825 section 8.4: a GET of the same URI must now find nothing (a positional selector may find the next sibling).
            if (_node.Select(edited.Tree, _ns).Count > 0)
            {
                XcapFailure.Conflict(XcapErrorKind.CannotDelete, "a GET of the URI would still find a node (RFC 4825 section 8.4)");
            }

            Validate(edited);
            return Written(edited, created: false);
        }

        private SourceDocument ReadEdited(string text, bool hasBom, XcapErrorKind kind)
        {
            try
            {
                return XcapXmlParser.ParseText(text, hasBom, limits);
            }
            catch (XcapFailure e) when (e.StatusCode == 409)
            {
                // The spliced text is not a document (a duplicate attribute, a clashing prefix, ...).
                XcapFailure.Conflict(kind, e.Error?.Phrase);
                return null!;
            }
        }

        private void Validate(SourceDocument document)
        {
            if (usage.Validate(document.Tree, _uri.DocumentSelector) is { } error)
            {
                XcapFailure.Conflict(error);
            }
        }

        private static Outcome Written(SourceDocument document, bool created) =>
            new(created ? 201 : 200, null, ReadOnlyMemory<byte>.Empty, XcapDocumentChange.Written(document.ToBytes()));

        private static Outcome Text(string contentType, string text) =>
            new(200, contentType, Encoding.UTF8.GetBytes(text), XcapDocumentChange.None);

        private static Outcome CannotInsert(string phrase)
        {
            XcapFailure.Conflict(XcapErrorKind.CannotInsert, phrase);
            return null!;
        }

        private string RootAncestor() => request.XcapRootUrl;

        // RFC 4825 section 11.1: the HTTP URI of the closest ancestor that exists, trying the first stepCount steps, then fewer.
        private string ClosestAncestor(SourceDocument document, XcapNodeSelector selector, int stepCount)
        {
            for (var k = stepCount; k >= 1; k--)
            {
                if (selector.SelectElements(document.Tree, _ns, k).Count == 1)
                {
                    return new XcapUri(_uri.DocumentSelector, selector.Ancestor(k), _uri.Namespaces).ToHttpUri(request.XcapRootUrl);
                }
            }

            return XcapUri.DocumentUri(request.XcapRootUrl, _uri.DocumentSelector);
        }

        [System.Diagnostics.CodeAnalysis.DoesNotReturn]
        private static void NoParent(string ancestor) =>
            XcapFailure.Conflict(new XcapError(XcapErrorKind.NoParent, "the parent does not exist") { Ancestor = ancestor });

        private static string Splice(string text, int start, int end, string insert) =>
            string.Concat(text.AsSpan(0, start), insert, text.AsSpan(end));

        private static string EscapeAttribute(string value) => value
            .Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace("\"", "&quot;", StringComparison.Ordinal);
    }

    private sealed record Outcome(int Status, string? ContentType, ReadOnlyMemory<byte> Body, XcapDocumentChange Change);
}
