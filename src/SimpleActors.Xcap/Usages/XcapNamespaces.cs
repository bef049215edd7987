namespace SimpleActors.Xcap.Usages;

/// <summary>The XML namespaces of the application usages' documents.</summary>
public static class XcapNamespaces
{
    /// <summary>RFC 4825 section 12.</summary>
    public const string XcapCaps = "urn:ietf:params:xml:ns:xcap-caps";

    /// <summary>RFC 4825 section 11.</summary>
    public const string XcapError = "urn:ietf:params:xml:ns:xcap-error";

    /// <summary>RFC 4826 section 3.</summary>
    public const string ResourceLists = "urn:ietf:params:xml:ns:resource-lists";

    /// <summary>RFC 4826 section 4.</summary>
    public const string RlsServices = "urn:ietf:params:xml:ns:rls-services";

    /// <summary>RFC 4745.</summary>
    public const string CommonPolicy = "urn:ietf:params:xml:ns:common-policy";

    /// <summary>RFC 5025.</summary>
    public const string PresRules = "urn:ietf:params:xml:ns:pres-rules";

    /// <summary>RFC 3863.</summary>
    public const string Pidf = "urn:ietf:params:xml:ns:pidf";

    /// <summary>RFC 4479.</summary>
    public const string PidfDataModel = "urn:ietf:params:xml:ns:pidf:data-model";

    /// <summary>RFC 4480; validated laxly (no schema is loaded for it).</summary>
    public const string Rpid = "urn:ietf:params:xml:ns:pidf:rpid";

    /// <summary>OMA XDM Core.</summary>
    public const string XcapDirectory = "urn:oma:xml:xdm:xcap-directory";
}
