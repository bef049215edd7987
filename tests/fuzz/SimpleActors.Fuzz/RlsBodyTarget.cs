using System.Text;
using SimpleActors.Presence;
using SimpleActors.Presence.Rls;

namespace SimpleActors.Fuzz;

/// <summary>
/// The readers of resource list NOTIFY bodies (RFC 4662), riding on the <c>pidf</c> target: an input whose first line is
/// a <c>multipart/</c> Content-Type value goes to the multipart/related reader with that value (and its RLMI parts to the
/// RLMI reader), an input naming the RLMI namespace to the RLMI reader, anything else to <paramref name="other"/>. Only
/// <see cref="PresenceDocumentException"/> may escape the readers; parts read must be written and read back equal, and an
/// RLMI document as <see cref="PresenceDocumentTarget{T}"/> checks a PIDF one.
/// </summary>
internal sealed class RlsBodyTarget(IFuzzTarget other) : IFuzzTarget
{
    private readonly PresenceDocumentTarget<RlmiList> _rlmi = new(RlmiReader.Read, RlmiWriter.Write);

    public void Run(ReadOnlySpan<byte> input)
    {
        if (input.StartsWith("multipart/"u8))
        {
            var lineEnd = input.IndexOf((byte)'\n');
            var contentType = Encoding.Latin1.GetString(lineEnd < 0 ? input : input[..lineEnd]).TrimEnd('\r');
            RunMultipart(lineEnd < 0 ? [] : input[(lineEnd + 1)..], contentType);
        }
        else if (input.IndexOf("urn:ietf:params:xml:ns:rlmi"u8) >= 0)
        {
            _rlmi.Run(input);
        }
        else
        {
            other.Run(input);
        }
    }

    private void RunMultipart(ReadOnlySpan<byte> body, string contentType)
    {
        MultipartRelatedBody read;
        try
        {
            read = MultipartRelated.Read(body, contentType);
        }
        catch (PresenceDocumentException)
        {
            return;
        }

        var (written, writtenType) = MultipartRelated.Write(read.Parts);
        var again = MultipartRelated.Read(written, writtenType, new MultipartLimits { MaxBodyBytes = Math.Max(written.Length, MultipartLimits.Default.MaxBodyBytes) });
        if (!again.Parts.SequenceEqual(read.Parts))
        {
            throw new FuzzFinding("Read(Write(parts)) differs from parts");
        }

        foreach (var part in read.Parts)
        {
            if (part.ContentType.StartsWith(Rlmi.ContentType, StringComparison.OrdinalIgnoreCase))
            {
                _rlmi.Run(part.Body.Span);
            }
        }
    }
}
