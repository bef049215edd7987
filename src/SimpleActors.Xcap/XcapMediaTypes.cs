namespace SimpleActors.Xcap;

/// <summary>The media types XCAP itself defines (RFC 4825 sections 15.2 to 15.5); a document's own type comes from its usage.</summary>
public static class XcapMediaTypes
{
    /// <summary>An element resource: the element from its start tag to its end tag (RFC 4825 section 15.2.1).</summary>
    public const string Element = "application/xcap-el+xml";

    /// <summary>An attribute resource: the attribute's value, escaped as an XML AttValue, without quotes (RFC 4825 section 15.2.2).</summary>
    public const string Attribute = "application/xcap-att+xml";

    /// <summary>The namespace bindings of an element (RFC 4825 section 10).</summary>
    public const string Namespaces = "application/xcap-ns+xml";

    /// <summary>A 409 conflict report (RFC 4825 section 11).</summary>
    public const string Error = "application/xcap-error+xml";

    /// <summary>True when a Content-Type header value names <paramref name="mediaType"/>, parameters and case aside.</summary>
    public static bool Matches(string? contentType, string mediaType)
    {
        ArgumentNullException.ThrowIfNull(mediaType);
        if (contentType is null)
        {
            return false;
        }

        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        var type = (semicolon < 0 ? contentType : contentType[..semicolon]).Trim();
        return string.Equals(type, mediaType, StringComparison.OrdinalIgnoreCase);
    }
}
