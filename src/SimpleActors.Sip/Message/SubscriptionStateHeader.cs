using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using SimpleActors.Sip.Parsing;

namespace SimpleActors.Sip.Message;

/// <summary>
/// Subscription-State = substate-value *( SEMI subexp-params ) (RFC 6665 section 8.4): the state with the
/// <c>reason</c>, <c>expires</c> and <c>retry-after</c> parameters.
/// </summary>
public sealed class SubscriptionStateHeader
{
    public SubscriptionStateHeader(string stateText, GenericParameters? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(stateText);
        if (!SipToken.IsTokenString(stateText))
        {
            throw new ArgumentException($"'{stateText}' is not a token", nameof(stateText));
        }

        StateText = stateText;
        State = stateText.ToLowerInvariant() switch
        {
            "active" => SubscriptionState.Active,
            "pending" => SubscriptionState.Pending,
            "terminated" => SubscriptionState.Terminated,
            _ => SubscriptionState.Other,
        };
        Parameters = parameters ?? GenericParameters.Empty;
        Expires = Parameters.TryGetValue("expires", out var expires) ? ContactValue.ParseDeltaSeconds(expires, "expires") : null;
        RetryAfter = Parameters.TryGetValue("retry-after", out var retry) ? ContactValue.ParseDeltaSeconds(retry, "retry-after") : null;
    }

    public SubscriptionState State { get; }

    /// <summary>The state as written, e.g. for an extension state.</summary>
    public string StateText { get; }

    /// <summary>The <c>reason</c> parameter (deactivated, probation, rejected, timeout, giveup, noresource, invariant ...).</summary>
    public string? Reason => Parameters["reason"];

    public int? Expires { get; }

    public int? RetryAfter { get; }

    public GenericParameters Parameters { get; }

    public static SubscriptionStateHeader Active(int expires) =>
        new("active", GenericParameters.Empty.With("expires", expires.ToString(CultureInfo.InvariantCulture)));

    public static SubscriptionStateHeader Pending(int expires) =>
        new("pending", GenericParameters.Empty.With("expires", expires.ToString(CultureInfo.InvariantCulture)));

    public static SubscriptionStateHeader Terminated(string? reason = null, int? retryAfter = null)
    {
        var parameters = GenericParameters.Empty;
        if (reason is not null)
        {
            parameters = parameters.With("reason", reason);
        }

        if (retryAfter is { } r)
        {
            parameters = parameters.With("retry-after", r.ToString(CultureInfo.InvariantCulture));
        }

        return new("terminated", parameters);
    }

    public static SubscriptionStateHeader Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var s = value.AsSpan();
        var i = SipToken.SkipWhitespace(s, 0);
        var end = SipToken.ScanToken(s, i);
        if (end == i)
        {
            SipParseError.BadRequest("Missing subscription state");
        }

        var state = s[i..end].ToString();
        i = end;
        var parameters = GenericParameters.ParseHeaderParameters(s, ref i);
        if (i != s.Length)
        {
            SipParseError.BadRequest("Unexpected text in Subscription-State");
        }

        if (parameters["reason"] is { } reason && !SipToken.IsTokenString(reason))
        {
            SipParseError.BadRequest("Invalid Subscription-State reason");
        }

        return new SubscriptionStateHeader(state, parameters);
    }

    public static bool TryParse(string? value, [NotNullWhen(true)] out SubscriptionStateHeader? result) => SipValue.TryParse(value, Parse, out result);

    public override string ToString()
    {
        var sb = new StringBuilder(StateText);
        Parameters.AppendTo(sb);
        return sb.ToString();
    }
}
