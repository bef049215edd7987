namespace SimpleActors.Fuzz;

/// <summary>One fuzz target: takes an input, returns when it is handled, throws when it found a defect.</summary>
internal interface IFuzzTarget
{
    void Run(ReadOnlySpan<byte> input);
}
