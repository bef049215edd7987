namespace SimpleActors.Engine.Presence;

/// <summary>
/// The pure decisions of a Presentity (RFC 3903 section 6, the event state compositor's processing of PUBLISH):
/// the events to persist and the reply. One Presentity actor decides every PUBLISH of its presentity in arrival
/// order, so two PUBLISHes with the same SIP-If-Match cannot both succeed: the first replaces the entity-tag and
/// the second gets 412.
/// </summary>
public static class PresentityDecision
{
    public static (IReadOnlyList<IPresentityEvent> Events, PublishResult Reply) Publish(
        PresentityState state, Publish command, DateTimeOffset now, PublicationOptions options)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(options);

        // Step 2: the expiry. Zero removes; a non-zero value under the minimum gets 423 with Min-Expires; longer is cut.
        var requested = command.HeaderExpires ?? options.DefaultExpires;
        if (requested != 0 && requested < options.MinExpires)
        {
            return ([], new PublishResult(423, null, null, 0, options.MinExpires));
        }

        var expires = Math.Min(requested, options.MaxExpires);
        var expiresAt = now.AddSeconds(expires);

        if (state.Find(command.NewETag) is { } applied && applied.ExpiresAt > now)
        {
            // This very request was applied already (its new entity-tag exists; the edge sent it again after a lost
            // answer, EntityAsk): the same answer, nothing changed.
            return ([], new PublishResult(200, null, applied.ETag, (int)Math.Ceiling((applied.ExpiresAt - now).TotalSeconds), null));
        }

        if (command.IfMatch is null)
        {
            // Step 4: an initial publication must carry state.
            if (command.Body is null || command.ContentType is null)
            {
                return ([], new PublishResult(400, "PUBLISH without SIP-If-Match needs a body", null, 0, null));
            }

            var initial = PartialPublication.Resolve(command, null);
            if (initial.Refusal is { } refused)
            {
                return ([], refused);
            }

            if (expires == 0)
            {
                // Created and removed at once (steps 4 and 5): nothing to keep, nothing for watchers to see.
                return ([], new PublishResult(200, null, null, 0, null));
            }

            var added = new Publication(
                command.NewETag, initial.ContentType, initial.Body, now, expiresAt, command.CallId, command.CSeq, command.Identity)
            {
                Version = initial.Version,
            };
            return ([new PublicationAdded(state.Aor, added, now)], new PublishResult(200, null, command.NewETag, expires, null));
        }

        // Step 3: the entity-tag must name a current, unexpired publication of this presentity.
        var current = state.Find(command.IfMatch);
        if (current is null || current.ExpiresAt <= now)
        {
            return ([], new PublishResult(412, null, null, 0, null));
        }

        if (expires == 0)
        {
            // Step 5, removal (RFC 3903 section 4.5).
            return (
                [new PublicationRemoved(state.Aor, current.ETag, PublicationRemovalReason.Removed, command.CallId, command.CSeq, command.Identity, now)],
                new PublishResult(200, null, null, 0, null));
        }

        if (command.Body is null || command.ContentType is null)
        {
            // Refresh (section 4.3): new entity-tag and expiry, same document.
            return (
                [new PublicationRefreshed(state.Aor, current.ETag, command.NewETag, expiresAt, command.CallId, command.CSeq, command.Identity, now)],
                new PublishResult(200, null, command.NewETag, expires, null));
        }

        // Modify (section 4.4): the new document replaces the publication's state; a pidf-diff patches it (RFC 5264), and
        // one that cannot leaves the publication and its entity-tag as they were.
        var next = PartialPublication.Resolve(command, current);
        if (next.Refusal is { } refusal)
        {
            return ([], refusal);
        }

        var modified = new Publication(
            command.NewETag, next.ContentType, next.Body, now, expiresAt, command.CallId, command.CSeq, command.Identity)
        {
            Version = next.Version,
        };
        return (
            [new PublicationModified(state.Aor, current.ETag, modified, now)],
            new PublishResult(200, null, command.NewETag, expires, null));
    }

    /// <summary>The events for the publications that have expired by <paramref name="now"/>.</summary>
    public static IReadOnlyList<IPresentityEvent> Expire(PresentityState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        return [.. state.Publications.Where(p => p.ExpiresAt <= now)
            .Select(p => new PublicationRemoved(state.Aor, p.ETag, PublicationRemovalReason.Expired, null, null, null, now))];
    }
}
