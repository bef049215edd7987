using System.Xml.Linq;
using SimpleActors.Xcap.Errors;
using SimpleActors.Xcap.Usages;

namespace SimpleActors.Xcap.Tests.Usages;

internal static class UsageAssert
{
    public static XcapError? Validate(IApplicationUsage usage, string xml) =>
        usage.Validate(XDocument.Parse(xml), new XcapDocumentSelector(usage.Auid, "sip:joe@example.com", usage.DefaultDocumentName));

    public static void Valid(IApplicationUsage usage, string xml) => Assert.Null(Validate(usage, xml));

    public static XcapError Fails(IApplicationUsage usage, string xml, XcapErrorKind kind)
    {
        var error = Validate(usage, xml);
        Assert.NotNull(error);
        Assert.Equal(kind, error.Kind);
        return error;
    }

    public static UniquenessField NotUnique(IApplicationUsage usage, string xml)
    {
        var error = Fails(usage, xml, XcapErrorKind.UniquenessFailure);
        return Assert.Single(error.Fields);
    }
}
