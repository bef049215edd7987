using System.Globalization;
using SimpleActors.Engine.Registration;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Edge.Registrar;

/// <summary>The translation between a REGISTER and the Registration entity's command and reply (RFC 3261 section 10.3).</summary>
public static class RegisterExchange
{
    /// <summary>The command for a REGISTER that passed routing and authentication.</summary>
    public static Register ToCommand(SipRequest request, string aor, SipFlow flow, string? identity, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        var contacts = request.Contacts;
        var requested = contacts
            .Where(c => !c.IsWildcard)
            .Select(c => new RequestedContact(c.Address!.Uri.ToString(), c.Expires, c.Q, c.SipInstance, c.RegId))
            .ToList();
        return new Register(
            aor,
            request.CallId!,
            request.CSeq!.Number,
            requested,
            contacts.Any(c => c.IsWildcard),
            request.Expires,
            request.Path.Select(p => p.ToString()).ToList(),
            flow,
            identity,
            now);
    }

    /// <summary>
    /// The response: on 200 every current binding as a Contact with its remaining <c>expires</c> (step 8),
    /// the Path of the request echoed (RFC 3327 section 5.3), and Date; on 423 Min-Expires (section 10.3 step 7).
    /// </summary>
    public static SipResponse ToResponse(SipRequest request, RegisterResult result, string toTag)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(result);
        var response = SipResponse.CreateFor(request, result.StatusCode, result.Reason, toTag);
        if (result.StatusCode == 423 && result.MinExpires is { } minExpires)
        {
            response.Headers.Add(KnownHeader.MinExpires, minExpires.ToString(CultureInfo.InvariantCulture));
        }

        if (!result.IsSuccess)
        {
            return response;
        }

        foreach (var binding in result.Bindings)
        {
            response.Headers.Add(KnownHeader.Contact, ContactOf(binding, result.At));
        }

        foreach (var path in request.Headers.GetValues(KnownHeader.Path))
        {
            response.Headers.Add(KnownHeader.Path, path);
        }

        if (request.Headers.Contains(KnownHeader.Path))
        {
            response.Headers.Add(KnownHeader.Supported, "path");
        }

        response.Headers.Add(KnownHeader.Date, result.At.UtcDateTime.ToString("r", CultureInfo.InvariantCulture));
        return response;
    }

    private static string ContactOf(Binding binding, DateTimeOffset now)
    {
        var contact = $"<{binding.Uri}>;expires={binding.ExpiresIn(now).ToString(CultureInfo.InvariantCulture)}";
        if (binding.Q is { } q)
        {
            contact += ";q=" + q.ToString("0.###", CultureInfo.InvariantCulture);
        }

        if (binding.SipInstance is { } instance)
        {
            contact += ";+sip.instance=" + SipToken.Quote(instance);
        }

        if (binding.RegId is { } regId)
        {
            contact += ";reg-id=" + regId.ToString(CultureInfo.InvariantCulture);
        }

        return contact;
    }
}
