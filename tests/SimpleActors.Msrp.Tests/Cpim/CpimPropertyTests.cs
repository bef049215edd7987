using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SimpleActors.Msrp.Cpim;
using SimpleActors.Msrp.Tests.Vectors;

namespace SimpleActors.Msrp.Tests.Cpim;

/// <summary>The reader refuses only with its typed exception; what the writer writes reads back equal.</summary>
public class CpimPropertyTests
{
    private static readonly byte[][] Seeds =
        BodyVector.Names("cpim", "*.cpim").Select(n => BodyVector.Load("cpim", n)).Append(BodyVector.Load("imdn", "rfc5438-notification.cpim")).ToArray();

    /// <summary>Reads; a message that reads must be written and read back equal. Only a CpimFormatException may come out.</summary>
    private static bool ReadsOrRefuses(byte[] bytes)
    {
        CpimMessage message;
        try
        {
            message = CpimReader.Read(bytes);
        }
        catch (CpimFormatException e)
        {
            return e.Reason.StartsWith("CPIM: ", StringComparison.Ordinal);
        }

        var limits = new CpimLimits { MaxHeaderBytes = 1 << 20, MaxLineBytes = 1 << 20, MaxHeaders = 1000 };
        return CpimReader.Read(CpimWriter.Write(message), limits).Equals(message);
    }

    [Property(MaxTest = 2000)]
    public bool Arbitrary_bytes_are_read_or_refused_with_a_CPIM_format_error(byte[] bytes) => ReadsOrRefuses(bytes);

    [Property(MaxTest = 3000)]
    public Property Mutated_RFC_examples_are_read_or_refused_with_a_CPIM_format_error() =>
        Prop.ForAll(Mutation.Of(Seeds).ToArbitrary(), ReadsOrRefuses);

    [Property(MaxTest = 500)]
    public Property What_is_written_reads_back_equal() =>
        Prop.ForAll(CpimGenerators.Message.ToArbitrary(), message => CpimReader.Read(CpimWriter.Write(message)).Equals(message));

    [Property(MaxTest = 200)]
    public Property Writing_is_stable_through_a_round_trip() =>
        Prop.ForAll(CpimGenerators.Message.ToArbitrary(), message =>
        {
            var written = CpimWriter.Write(message);
            return CpimWriter.Write(CpimReader.Read(written)).AsSpan().SequenceEqual(written);
        });
}
