using System.Globalization;
using SimpleActors.Msrp.Addressing;
using SimpleActors.Msrp.Parsing;

namespace SimpleActors.Msrp.Message;

/// <summary>
/// Typed views of the known headers, read from the header lines on each get (the parser and
/// <see cref="MsrpHeaderCollection"/> have checked them) and written to them on set; null means absent, and setting
/// null removes the header.
/// </summary>
public abstract partial class MsrpMessage
{
    /// <summary>Message-ID (RFC 4975 section 7.1.1): the same on every chunk of one message.</summary>
    public string? MessageId
    {
        get => Headers.Get(MsrpHeaderNames.MessageId);
        set => Headers.Set(MsrpHeaderNames.MessageId, value);
    }

    /// <summary>Byte-Range (RFC 4975 section 7.1.1); a SEND without one is the whole message (section 7.3.1).</summary>
    public MsrpByteRange? ByteRange
    {
        get => Read(MsrpHeaderNames.ByteRange, static v => MsrpByteRange.TryParse(v, out var r) ? r : (MsrpByteRange?)null);
        set => Headers.Set(MsrpHeaderNames.ByteRange, value?.ToString());
    }

    /// <summary>Success-Report (RFC 4975 section 7.1.3); absent means no.</summary>
    public bool? SuccessReport
    {
        get => Read(MsrpHeaderNames.SuccessReport, static v => MsrpHeaderValues.TryParseSuccessReport(v, out var yes) ? yes : (bool?)null);
        set => Headers.Set(MsrpHeaderNames.SuccessReport, value is null ? null : value.Value ? "yes" : "no");
    }

    /// <summary>Failure-Report (RFC 4975 section 7.1.1); absent means yes.</summary>
    public MsrpFailureReport? FailureReport
    {
        get => Read(MsrpHeaderNames.FailureReport, static v => MsrpHeaderValues.TryParseFailureReport(v, out var r) ? r : (MsrpFailureReport?)null);
        set => Headers.Set(MsrpHeaderNames.FailureReport, value switch
        {
            null => null,
            MsrpFailureReport.Yes => "yes",
            MsrpFailureReport.No => "no",
            MsrpFailureReport.Partial => "partial",
            _ => throw new ArgumentOutOfRangeException(nameof(value)),
        });
    }

    /// <summary>Status of a REPORT (RFC 4975 section 7.1.2).</summary>
    public MsrpStatus? Status
    {
        get => Read(MsrpHeaderNames.Status, static v => MsrpStatus.TryParse(v, out var s) ? s : null);
        set => Headers.Set(MsrpHeaderNames.Status, value?.ToString());
    }

    /// <summary>Content-Type as written, <c>type/subtype</c> and its parameters.</summary>
    public string? ContentType
    {
        get => Headers.Get(MsrpHeaderNames.ContentType);
        set => Headers.Set(MsrpHeaderNames.ContentType, value);
    }

    /// <summary>Expires of an AUTH and its 200, in seconds (RFC 4976 section 5.1).</summary>
    public int? Expires
    {
        get => ReadSeconds(MsrpHeaderNames.Expires);
        set => SetSeconds(MsrpHeaderNames.Expires, value);
    }

    /// <summary>Min-Expires of a 423 (RFC 4976 section 5.1).</summary>
    public int? MinExpires
    {
        get => ReadSeconds(MsrpHeaderNames.MinExpires);
        set => SetSeconds(MsrpHeaderNames.MinExpires, value);
    }

    /// <summary>Max-Expires of a 423 (RFC 4976 section 5.1).</summary>
    public int? MaxExpires
    {
        get => ReadSeconds(MsrpHeaderNames.MaxExpires);
        set => SetSeconds(MsrpHeaderNames.MaxExpires, value);
    }

    /// <summary>Use-Path of an AUTH's 200: the relay URIs to put before the client's own (RFC 4976 section 5.1).</summary>
    public IReadOnlyList<MsrpUri>? UsePath
    {
        get => Read(MsrpHeaderNames.UsePath, static v => MsrpHeaderValues.TryParseUriList(v, out var uris) ? uris : null);
        set => Headers.Set(MsrpHeaderNames.UsePath, value is null ? null : string.Join(' ', value));
    }

    /// <summary>The first WWW-Authenticate of a 401, as written (RFC 4976 section 5.1); other rows are in <see cref="Headers"/>.</summary>
    public string? WwwAuthenticate
    {
        get => Headers.Get(MsrpHeaderNames.WwwAuthenticate);
        set => Headers.Set(MsrpHeaderNames.WwwAuthenticate, value);
    }

    /// <summary>Authorization of an AUTH, as written (RFC 4976 section 5.1).</summary>
    public string? Authorization
    {
        get => Headers.Get(MsrpHeaderNames.Authorization);
        set => Headers.Set(MsrpHeaderNames.Authorization, value);
    }

    /// <summary>Authentication-Info of an AUTH's 200, as written (RFC 4976 section 7).</summary>
    public string? AuthenticationInfo
    {
        get => Headers.Get(MsrpHeaderNames.AuthenticationInfo);
        set => Headers.Set(MsrpHeaderNames.AuthenticationInfo, value);
    }

    private int? ReadSeconds(string name)
        => Read(name, static v => MsrpHeaderValues.TryParseDeltaSeconds(v, out var s) ? s : (int?)null);

    private void SetSeconds(string name, int? value)
    {
        if (value is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Seconds are not negative");
        }

        Headers.Set(name, value?.ToString(CultureInfo.InvariantCulture));
    }

    private T? Read<T>(string name, Func<string, T?> parse)
    {
        var value = Headers.Get(name);
        if (value is null)
        {
            return default;
        }

        return parse(value) ?? throw new MsrpParseException(400, $"Malformed {name}");
    }
}
