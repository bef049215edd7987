using SimpleActors.Xcap.Errors;
using SimpleActors.Xcap.Operations;

namespace SimpleActors.Xcap.Tests.Operations;

/// <summary>The parts of a response the conflict tests compare.</summary>
internal readonly record struct XcapResponseShape(int Status, XcapErrorKind? Kind)
{
    public XcapResponseShape(XcapResponse response)
        : this(response.StatusCode, response.Error?.Kind)
    {
    }
}
