using SimpleActors.Presence;
using SimpleActors.Presence.Patch;
using SimpleActors.Presence.PidfDiff;

namespace SimpleActors.Engine.Presence;

/// <summary>
/// The document a PUBLISH leaves in its publication when its body is <c>application/pidf-diff+xml</c> (RFC 5264): a
/// <c>&lt;pidf-full&gt;</c> is full state, kept as the PIDF it stands for; a <c>&lt;pidf-diff&gt;</c> patches the PIDF of the
/// publication its SIP-If-Match names, all or nothing, and must be the next version of it. The publication keeps plain
/// PIDF either way, so composition and every watcher's view are as after a full PUBLISH (RFC 5264 section 5).
/// </summary>
/// <remarks>
/// Refusals are 400 (RFC 5264 was not at hand: chosen from RFC 3903's intent, where a body the ESC cannot take is the
/// request's fault and the PUA recovers by publishing full state; docs/presence.md, "Partial presence"): a pidf-diff
/// without a publication to patch, a version that does not follow the publication's, a patch that fails (with the
/// RFC 5261 section 5 error document) or whose result is not PIDF. The publication and its entity-tag stay as they were.
/// </remarks>
public static class PartialPublication
{
    /// <summary>The publication's content type, document and pidf version after <paramref name="command"/>, or the refusal.</summary>
    public static (string ContentType, byte[] Body, uint? Version, PublishResult? Refusal) Resolve(Publish command, Publication? current)
    {
        ArgumentNullException.ThrowIfNull(command);
        var body = command.Body ?? throw new ArgumentException("A publication document needs a body.", nameof(command));
        var contentType = command.ContentType ?? Pidf.ContentType;
        if (!string.Equals(Essence(contentType), PidfDiff.ContentType, StringComparison.OrdinalIgnoreCase))
        {
            return (contentType, body, null, null);
        }

        PidfDiffDocument document;
        try
        {
            document = PidfDiff.Parse(body);
        }
        catch (PresenceDocumentException e)
        {
            return Refused(e.Reason);
        }

        if (document.Presence is { } full)
        {
            return (Pidf.ContentType, PidfDiff.Write(full), document.Version, null);
        }

        if (current is null)
        {
            // RFC 5264 section 5: an initial publication is full state; a diff has nothing to apply to.
            return Refused("A pidf-diff needs SIP-If-Match naming the publication it patches; publish a pidf-full first");
        }

        if (current.Version is { } last && document.Version != unchecked(last + 1))
        {
            // RFC 5262 section 3: versions go up by one per document; a gap means the PUA and we disagree on the state.
            return Refused($"pidf-diff version {document.Version} does not follow {last}");
        }

        try
        {
            return (Pidf.ContentType, PidfDiff.Apply(current.Body, document), document.Version, null);
        }
        catch (XmlPatchException e)
        {
            return Refused(e.Phrase, PatchErrorDocument.Write(e));
        }
        catch (PresenceDocumentException e)
        {
            return Refused(e.Reason);
        }
    }

    private static (string, byte[], uint?, PublishResult?) Refused(string reason, byte[]? patchError = null) =>
        (string.Empty, [], null, new PublishResult(400, reason, null, 0, null) { PatchError = patchError });

    private static string Essence(string contentType)
    {
        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        return (semicolon < 0 ? contentType : contentType[..semicolon]).Trim();
    }
}
