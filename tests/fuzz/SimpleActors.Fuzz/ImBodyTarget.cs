using SimpleActors.Msrp.Cpim;
using SimpleActors.Msrp.Imdn;
using SimpleActors.Msrp.IsComposing;

namespace SimpleActors.Fuzz;

/// <summary>
/// The message bodies session-mode and pager-mode IM share (SimpleActors.Msrp): the first input byte, modulo 3, picks
/// the reader the rest goes to: 0 <see cref="CpimReader"/>, 1 <see cref="IsComposingReader"/>, 2 <see cref="ImdnReader"/>.
/// Only each reader's own rejection may escape (<see cref="CpimFormatException"/>, <see cref="IsComposingFormatException"/>,
/// <see cref="ImdnFormatException"/>); what a reader accepts must be written and read back equal. A CPIM message that reads
/// goes further: its content to the isComposing or IMDN reader when its Content-Type says so, its IMDN request read,
/// and a delivery notification built for it, which must read back, answer its From and ask for no IMDN itself.
/// </summary>
internal sealed class ImBodyTarget : IFuzzTarget
{
    private static readonly CpimAddress Recipient = new("Bob", "im:bob@example.com");
    private static readonly DateTimeOffset Now = new(2024, 6, 1, 12, 0, 0, TimeSpan.Zero);

    // The writer's output may be larger than the input (escapes, quotes): read it back with room to spare.
    private static readonly CpimLimits Generous = new() { MaxHeaders = 100_000, MaxLineBytes = 1 << 24, MaxHeaderBytes = 1 << 24 };

    public void Run(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return;
        }

        var body = input[1..];
        switch (input[0] % 3)
        {
            case 0: Cpim(body); break;
            case 1: IsComposing(body); break;
            default: Imdn(body); break;
        }
    }

    private static void Cpim(ReadOnlySpan<byte> body)
    {
        CpimMessage message;
        try
        {
            message = CpimReader.Read(body);
        }
        catch (CpimFormatException)
        {
            return;
        }

        if (!CpimReader.Read(CpimWriter.Write(message), Generous).Equals(message))
        {
            throw new FuzzFinding("CPIM: Read(Write(m)) differs from m");
        }

        if (message.HasMediaType(IsComposingDocument.MediaType))
        {
            IsComposing(message.Content.Span);
        }
        else if (message.HasMediaType(ImdnDocument.MediaType))
        {
            Imdn(message.Content.Span);
        }

        if (ImdnCpim.ReadRequest(message) is not null
            && ImdnCpim.Answer(message, Recipient, DispositionType.Delivery, DispositionStatus.Delivered, "fuzz-1", Now) is { } answer)
        {
            var reread = CpimReader.Read(CpimWriter.Write(answer));
            if (!reread.Equals(answer) || reread.To[0] != message.From || ImdnCpim.ReadRequest(reread)?.Notifications != DispositionNotification.None)
            {
                throw new FuzzFinding("IMDN: the notification does not read back as one");
            }

            _ = ImdnReader.Read(reread.Content.Span);
        }
    }

    private static void IsComposing(ReadOnlySpan<byte> body)
    {
        IsComposingDocument document;
        try
        {
            document = IsComposingReader.Read(body);
        }
        catch (IsComposingFormatException)
        {
            return;
        }

        var written = IsComposingWriter.Write(document);
        if (written.Length <= 64 * 1024 && IsComposingReader.Read(written) != document)
        {
            throw new FuzzFinding("isComposing: Read(Write(d)) differs from d");
        }
    }

    private static void Imdn(ReadOnlySpan<byte> body)
    {
        ImdnDocument document;
        try
        {
            document = ImdnReader.Read(body);
        }
        catch (ImdnFormatException)
        {
            return;
        }

        // Text the reader decoded may be written longer (a CDATA '<' becomes "&lt;"); past the reader's size limit it is not read back.
        var written = ImdnWriter.Write(document);
        if (written.Length <= 64 * 1024 && ImdnReader.Read(written) != document)
        {
            throw new FuzzFinding("IMDN: Read(Write(d)) differs from d");
        }
    }
}
