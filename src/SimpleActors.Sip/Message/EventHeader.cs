using System.Diagnostics.CodeAnalysis;
using System.Text;
using SimpleActors.Sip.Parsing;

namespace SimpleActors.Sip.Message;

/// <summary>
/// Event = event-type *( SEMI event-param ); event-type = event-package *( "." event-template )
/// (RFC 6665 section 8.4). <c>presence.winfo</c> has package "presence" and template "winfo".
/// </summary>
public sealed class EventHeader
{
    public EventHeader(string eventType, GenericParameters? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(eventType);
        if (!SipToken.IsTokenString(eventType) || eventType[0] == '.' || eventType[^1] == '.' || eventType.Contains("..", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{eventType}' is not an event type", nameof(eventType));
        }

        EventType = eventType;
        Parameters = parameters ?? GenericParameters.Empty;
    }

    /// <summary>The whole event type, e.g. <c>presence.winfo</c>.</summary>
    public string EventType { get; }

    /// <summary>The event package: the event type up to the first '.'.</summary>
    public string Package => EventType.IndexOf('.', StringComparison.Ordinal) is var dot and >= 0 ? EventType[..dot] : EventType;

    /// <summary>The template part after the first '.', e.g. <c>winfo</c>; null when there is none.</summary>
    public string? Template => EventType.IndexOf('.', StringComparison.Ordinal) is var dot and >= 0 ? EventType[(dot + 1)..] : null;

    public GenericParameters Parameters { get; }

    /// <summary>The <c>id</c> parameter that tells subscriptions in one dialog apart (RFC 6665 section 8.2.1).</summary>
    public string? Id => Parameters.GetUnquoted("id");

    public static EventHeader Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var s = value.AsSpan();
        var i = SipToken.SkipWhitespace(s, 0);
        var end = SipToken.ScanToken(s, i);
        var type = s[i..end];
        if (type.IsEmpty || type[0] == '.' || type[^1] == '.' || type.Contains("..", StringComparison.Ordinal))
        {
            SipParseError.BadRequest("Invalid event type");
        }

        i = end;
        var parameters = GenericParameters.ParseHeaderParameters(s, ref i);
        if (i != s.Length)
        {
            SipParseError.BadRequest("Unexpected text in Event");
        }

        return new EventHeader(type.ToString(), parameters);
    }

    public static bool TryParse(string? value, [NotNullWhen(true)] out EventHeader? result) => SipValue.TryParse(value, Parse, out result);

    public override string ToString()
    {
        var sb = new StringBuilder(EventType);
        Parameters.AppendTo(sb);
        return sb.ToString();
    }
}
