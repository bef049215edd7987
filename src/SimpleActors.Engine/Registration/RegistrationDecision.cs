using SimpleActors.Sip.Message;

namespace SimpleActors.Engine.Registration;

/// <summary>The registrar's rules (RFC 3261 section 10.3 steps 6 to 8, RFC 5626 section 6, RFC 3327) as a pure function.</summary>
public static class RegistrationDecision
{
    private const string OutOfOrder = "Request Out Of Order";

    /// <summary>
    /// The bindings that have expired by <paramref name="now"/>, as removals (RFC 3261 section 10.3: a binding lives
    /// for its expiration interval); none when nothing has.
    /// </summary>
    public static IReadOnlyList<IRegistrationEvent> Expire(RegistrationState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        return [.. state.Bindings.Where(b => b.ExpiresAt <= now)
            .Select(b => new BindingRemoved(state.Aor, b.Uri, BindingRemovalReason.Expired, null, null, null, now))];
    }

    /// <summary>
    /// Decides a REGISTER: the events to persist (none when it fails or only queries) and the reply.
    /// Either every binding update of the request happens or none does (RFC 3261 section 10.3).
    /// </summary>
    public static (IReadOnlyList<IRegistrationEvent> Events, RegisterResult Reply) Decide(
        RegistrationState state, Register command, DateTimeOffset now, RegistrarOptions options)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(options);

        // Bindings whose time has passed count as gone; their removal is recorded with this request.
        var events = new List<IRegistrationEvent>();
        var current = state;
        foreach (var stale in state.Bindings.Where(b => b.ExpiresAt <= now))
        {
            var removed = new BindingRemoved(command.Aor, stale.Uri, BindingRemovalReason.Expired, null, null, null, now);
            events.Add(removed);
            current = current.Apply(removed);
        }

        if (command.Repeat && IsApplied(current, command))
        {
            // This very request was applied already (the edge sent it again after a lost answer, EntityAsk): the same
            // answer, nothing changed. A client's own second request with that CSeq is still refused (section 10.3 step 7).
            return (events, new RegisterResult(200, null, current.Bindings, null, now, 0));
        }

        var (changes, failure) = command.RemoveAll
            ? RemoveAll(current, command, now)
            : Update(current, command, now, options);
        if (failure is not null)
        {
            return ([], failure);
        }

        foreach (var change in changes)
        {
            events.Add(change);
            current = current.Apply(change);
        }

        return (events, new RegisterResult(200, null, current.Bindings, null, now, events.Count(e => e is BindingAdded)));
    }

    /// <summary>Step 6: <c>Contact: *</c> with Expires 0 and nothing else removes every binding.</summary>
    private static (List<IRegistrationEvent> Changes, RegisterResult? Failure) RemoveAll(
        RegistrationState state, Register command, DateTimeOffset now)
    {
        if (command.Contacts.Count > 0 || command.HeaderExpires != 0)
        {
            return ([], Fail(400, "Invalid Request", now));
        }

        if (state.Bindings.Any(b => IsOutOfOrder(b, command)))
        {
            // Same Call-ID and a CSeq not higher than stored: the update is aborted and the request fails.
            return ([], Fail(500, OutOfOrder, now));
        }

        return ([.. state.Bindings.Select(b => Removed(command, b.Uri, BindingRemovalReason.Unregistered, now))], null);
    }

    /// <summary>Step 7: each contact adds, refreshes, replaces or removes a binding.</summary>
    private static (List<IRegistrationEvent> Changes, RegisterResult? Failure) Update(
        RegistrationState state, Register command, DateTimeOffset now, RegistrarOptions options)
    {
        var requested = new List<(RequestedContact Contact, int Expires, string? Instance, int? RegId)>(command.Contacts.Count);
        foreach (var contact in command.Contacts)
        {
            var expires = contact.Expires ?? command.HeaderExpires ?? options.DefaultExpires;
            if (expires < 0 || string.IsNullOrWhiteSpace(contact.Uri))
            {
                return ([], Fail(400, "Invalid Request", now));
            }

            if (expires > 0 && expires < options.MinExpires)
            {
                // RFC 3261 section 10.3 step 7: too brief -> 423 with Min-Expires; nothing changes.
                return ([], new RegisterResult(423, "Interval Too Brief", [], options.MinExpires, now));
            }

            // RFC 5626 section 6: reg-id without +sip.instance is ignored.
            var instance = contact.SipInstance;
            var regId = instance is null ? null : contact.RegId;
            if (instance is not null && regId is not null
                && requested.Any(r => r.Instance == instance && r.RegId == regId))
            {
                return ([], Fail(400, "Duplicate Instance And Reg-Id", now));
            }

            requested.Add((contact, Math.Min(expires, options.MaxExpires), instance, regId));
        }

        // The Call-ID/CSeq check runs against the stored bindings before anything changes.
        foreach (var (contact, _, instance, regId) in requested)
        {
            if (Match(state, contact.Uri, instance, regId) is { } existing && IsOutOfOrder(existing, command))
            {
                return ([], Fail(500, OutOfOrder, now));
            }
        }

        var changes = new List<IRegistrationEvent>();
        var current = state;
        foreach (var (contact, expires, instance, regId) in requested)
        {
            var existing = Match(current, contact.Uri, instance, regId);
            var sameUri = existing is not null && SameContact(existing.Uri, contact.Uri);
            var produced = new List<IRegistrationEvent>(2);
            if (expires == 0)
            {
                if (existing is not null)
                {
                    produced.Add(Removed(command, existing.Uri, BindingRemovalReason.Unregistered, now));
                }
            }
            else
            {
                var binding = new Binding(
                    contact.Uri,
                    now.AddSeconds(expires),
                    contact.Q,
                    instance,
                    regId,
                    command.Path,
                    command.Flow,
                    command.CallId,
                    command.CSeq,
                    now);
                if (existing is null)
                {
                    produced.Add(new BindingAdded(command.Aor, binding, command.Identity, now));
                }
                else if (sameUri)
                {
                    produced.Add(new BindingRefreshed(command.Aor, existing.Uri, binding, command.Identity, now));
                }
                else
                {
                    // RFC 5626 section 6: the same instance and reg-id on a new contact replaces the old flow.
                    produced.Add(Removed(command, existing.Uri, BindingRemovalReason.Replaced, now));
                    if (current.Bindings.Where(b => b != existing).FirstOrDefault(b => SameContact(b.Uri, contact.Uri)) is { } other)
                    {
                        produced.Add(new BindingRefreshed(command.Aor, other.Uri, binding, command.Identity, now));
                    }
                    else
                    {
                        produced.Add(new BindingAdded(command.Aor, binding, command.Identity, now));
                    }
                }
            }

            foreach (var change in produced)
            {
                changes.Add(change);
                current = current.Apply(change);
            }
        }

        return (changes, null);
    }

    /// <summary>
    /// The binding a contact refers to: the same instance and reg-id (RFC 5626 section 6), else an
    /// equivalent URI (RFC 3261 section 19.1.4).
    /// </summary>
    private static Binding? Match(RegistrationState state, string uri, string? instance, int? regId)
    {
        if (instance is not null && regId is not null
            && state.Bindings.FirstOrDefault(b => b.SipInstance == instance && b.RegId == regId) is { } flow)
        {
            return flow;
        }

        return state.Bindings.FirstOrDefault(b => SameContact(b.Uri, uri));
    }

    /// <summary>RFC 3261 section 19.1.4 equivalence for SIP URIs; other schemes compare as text.</summary>
    internal static bool SameContact(string stored, string requested)
    {
        if (string.Equals(stored, requested, StringComparison.Ordinal))
        {
            return true;
        }

        return SipUri.TryParse(stored, out var a) && SipUri.TryParse(requested, out var b) && a.Equivalent(b);
    }

    private static bool IsApplied(RegistrationState state, Register command) =>
        state.Bindings.Any(b => b.CallId == command.CallId && b.CSeq == command.CSeq);

    // RFC 3261 section 10.3 steps 6 and 7: same Call-ID and a CSeq not higher than stored.
    private static bool IsOutOfOrder(Binding existing, Register command) =>
        existing.CallId == command.CallId && command.CSeq <= existing.CSeq;

    private static BindingRemoved Removed(Register command, string uri, BindingRemovalReason reason, DateTimeOffset now) =>
        new(command.Aor, uri, reason, command.CallId, command.CSeq, command.Identity, now);

    private static RegisterResult Fail(int status, string reason, DateTimeOffset now) => new(status, reason, [], null, now);
}
