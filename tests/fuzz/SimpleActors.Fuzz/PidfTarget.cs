using SimpleActors.Presence;
using SimpleActors.Presence.Patch;
using SimpleActors.Presence.PidfDiff;

namespace SimpleActors.Fuzz;

/// <summary>
/// The PIDF reader (<see cref="PresenceDocumentTarget{T}"/>'s properties), then the same bytes as a pidf-diff document (RFC
/// 5262), applied to a fixed PIDF document: only the promised rejections may escape (<see cref="PresenceDocumentException"/>
/// and, from a patch, <see cref="XmlPatchException"/>), a pidf-full reads as PIDF, and an applied patch gives PIDF.
/// </summary>
internal sealed class PidfTarget : IFuzzTarget
{
    private static readonly byte[] Target = System.Text.Encoding.UTF8.GetBytes(
        """<?xml version="1.0" encoding="UTF-8"?><presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model" xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid" entity="pres:someone@example.com"> <tuple id="t1"><status><basic>open</basic></status><contact priority="0.8">sip:someone@192.0.2.1</contact></tuple> <note xml:lang="en">fixed</note> <dm:person id="p1"><rpid:activities><rpid:busy/></rpid:activities></dm:person></presence>""");

    private readonly PresenceDocumentTarget<PidfDocument> pidf = new(Pidf.Parse, Pidf.Write);

    public void Run(ReadOnlySpan<byte> input)
    {
        pidf.Run(input);
        PidfDiffDocument document;
        try
        {
            document = PidfDiff.Parse(input);
        }
        catch (PresenceDocumentException)
        {
            return;
        }

        byte[] result;
        try
        {
            result = PidfDiff.Apply(Target, document);
        }
        catch (Exception e) when (e is XmlPatchException or PresenceDocumentException)
        {
            if (document.IsFull)
            {
                throw new FuzzFinding("A pidf-full that was read could not be written as PIDF: " + e.Message);
            }

            return;
        }

        var limits = new PresenceLimits { MaxDocumentBytes = Math.Max(result.Length, PresenceLimits.Default.MaxDocumentBytes) };
        try
        {
            _ = Pidf.Parse(result, limits);
        }
        catch (PresenceDocumentException e)
        {
            throw new FuzzFinding("A patched document is not PIDF: " + e.Reason);
        }
    }
}
