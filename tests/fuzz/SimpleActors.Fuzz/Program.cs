using SharpFuzz;
using SimpleActors.Fuzz;
using SimpleActors.Presence;

// One AFL++ target per argument (tests/fuzz/run.sh). Under afl-fuzz, SharpFuzz runs the target in a loop in this one
// process; without afl-fuzz it runs once on standard input, which is how a crash file is replayed:
//   dotnet SimpleActors.Fuzz.dll sip < crash-file
// Only the rejections the code promises (SipParseException, PresenceDocumentException, for pidf-diff patches and for xcap
// XmlPatchException, for xcap XcapUriException and the xcap-diff reader's FormatException, for sdp SdpFormatException,
// for msrp MsrpParseException, for imbody CpimFormatException, IsComposingFormatException and ImdnFormatException) are
// expected; any other exception escaping a target is a crash, and so is a broken property a target checks.
var targets = new Dictionary<string, Func<IFuzzTarget>>(StringComparer.Ordinal)
{
    ["sip"] = () => new SipParserTarget(),
    ["edge"] = () => new EdgeReceiveTarget(),
    ["pidf"] = () => new RlsBodyTarget(new PidfTarget()),
    ["winfo"] = () => new PresenceDocumentTarget<WatcherInfoDocument>(WatcherInfo.Parse, WatcherInfo.Write),
    ["xcap"] = () => new XcapTarget(),
    ["sdp"] = () => new SdpTarget(),
    ["msrp"] = () => new MsrpFrameTarget(),
    ["imbody"] = () => new ImBodyTarget(),
};

if (args.Length != 1 || !targets.TryGetValue(args[0], out var create))
{
    await Console.Error.WriteLineAsync($"usage: SimpleActors.Fuzz <{string.Join('|', targets.Keys)}>");
    return 2;
}

// Instrumented code may run only once SharpFuzz has mapped afl-fuzz's coverage memory: the target is made in the first run.
IFuzzTarget? target = null;
Fuzzer.Run(stream =>
{
    target ??= create();
    using var copy = new MemoryStream();
    stream.CopyTo(copy);
    target.Run(copy.GetBuffer().AsSpan(0, (int)copy.Length));
});
return 0;
