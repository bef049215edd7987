using System.Text;
using SimpleActors.Node.Commands;
using SimpleActors.Sip.Parsing;

namespace SimpleActors.Node.Tests.Commands;

/// <summary><c>simpleactors sip lint</c> on every torture vector, in process and as a real process.</summary>
public class SipLintCommandTests
{
    private static readonly string Vectors = Path.Combine(AppContext.BaseDirectory, "Vectors");

    private static string Rfc4475(string name) => Path.Combine(Vectors, "sip-torture", name + ".dat");

    private static string Rfc5118(string name) => Path.Combine(Vectors, "sip-ipv6-torture", "wire", name + ".sip");

    // The RFCs' verdicts (RFC 4475 section 3, RFC 5118 section 4): null = valid, else the status to answer.
    public static TheoryData<string, int?> Verdicts => new()
    {
        { Rfc4475("wsinv"), null }, { Rfc4475("intmeth"), null }, { Rfc4475("esc01"), null }, { Rfc4475("escnull"), null },
        { Rfc4475("esc02"), null }, { Rfc4475("lwsdisp"), null }, { Rfc4475("longreq"), null }, { Rfc4475("dblreq"), null },
        { Rfc4475("semiuri"), null }, { Rfc4475("transports"), null }, { Rfc4475("mpart01"), null }, { Rfc4475("unreason"), null },
        { Rfc4475("noreason"), null }, { Rfc4475("badinv01"), 400 }, { Rfc4475("clerr"), 400 }, { Rfc4475("ncl"), 400 },
        { Rfc4475("scalar02"), 400 }, { Rfc4475("scalarlg"), 400 }, { Rfc4475("quotbal"), 400 }, { Rfc4475("ltgtruri"), 400 },
        { Rfc4475("lwsruri"), 400 }, { Rfc4475("lwsstart"), 400 }, { Rfc4475("trws"), 400 }, { Rfc4475("escruri"), 400 },
        { Rfc4475("baddate"), 400 }, { Rfc4475("regbadct"), 400 }, { Rfc4475("badaspec"), 400 }, { Rfc4475("baddn"), 400 },
        { Rfc4475("badvers"), 505 }, { Rfc4475("mismatch01"), 400 }, { Rfc4475("mismatch02"), 400 }, { Rfc4475("bigcode"), 400 },
        { Rfc4475("badbranch"), null }, { Rfc4475("insuf"), 400 }, { Rfc4475("unkscm"), null }, { Rfc4475("novelsc"), null },
        { Rfc4475("unksm2"), null }, { Rfc4475("bext01"), null }, { Rfc4475("invut"), null }, { Rfc4475("regaut01"), null },
        { Rfc4475("multi01"), 400 }, { Rfc4475("mcl01"), 400 }, { Rfc4475("bcast"), null }, { Rfc4475("zeromf"), null },
        { Rfc4475("cparam01"), null }, { Rfc4475("cparam02"), null }, { Rfc4475("regescrt"), null }, { Rfc4475("sdp01"), null },
        { Rfc4475("inv2543"), null }, { Rfc4475("test"), 400 },
        { Rfc5118("ipv6-good"), null }, { Rfc5118("ipv6-bad"), 400 }, { Rfc5118("port-ambiguous"), null },
        { Rfc5118("port-unambiguous"), null }, { Rfc5118("via-received-param-with-delim"), null },
        { Rfc5118("via-received-param-no-delim"), null }, { Rfc5118("ipv6-in-sdp"), null }, { Rfc5118("mult-ip-in-header"), null },
        { Rfc5118("mult-ip-in-sdp"), null }, { Rfc5118("ipv4-mapped-ipv6"), null }, { Rfc5118("ipv6-bug-abnf-3-colons"), null },
        { Rfc5118("ipv6-correct-abnf-2-colons"), null },
    };

    [Fact]
    public void Every_vector_file_has_a_verdict()
    {
        var files = Directory.EnumerateFiles(Vectors, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".dat", StringComparison.Ordinal) || f.EndsWith(".sip", StringComparison.Ordinal));
        var judged = Verdicts.Select(row => (string)row[0]).ToHashSet();

        Assert.Equal(62, files.Count());
        Assert.All(files, f => Assert.Contains(f, judged));
    }

    [Theory]
    [MemberData(nameof(Verdicts))]
    public async Task Lint_gives_the_rfc_verdict_for_each_vector(string file, int? status)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await SipLintCommand.RunAsync([file], SipParserLimits.Default, output, error, CancellationToken.None);

        var lines = output.ToString().TrimEnd('\n', '\r').Split('\n');
        if (status is null)
        {
            Assert.Equal(0, exitCode);
            Assert.Matches(@"^(\S+ \S+ SIP/2\.0|SIP/2\.0 \d{3} .*)$", lines[0]);
            Assert.Matches(@"^body: \d+ bytes$", lines[^1]);
            Assert.All(lines[1..^1], line => Assert.Matches(@"^[A-Za-z0-9!%*_+`'~.\-]+: ", line));
        }
        else
        {
            Assert.Equal(1, exitCode);
            Assert.Matches($"^invalid: {status} \\S", Assert.Single(lines));
        }
    }

    [Fact]
    public async Task Summary_uses_canonical_names_and_normalised_values()
    {
        using var output = new StringWriter();

        await SipLintCommand.RunAsync([Rfc4475("wsinv")], SipParserLimits.Default, output, TextWriter.Null, CancellationToken.None);

        var text = output.ToString();
        Assert.StartsWith("INVITE sip:vivekg@chair-dnrc.example.com;unknownparam SIP/2.0\n", text, StringComparison.Ordinal);
        Assert.Contains("\nTo: <sip:vivekg@chair-dnrc.example.com>;tag=1918181833n\n", text, StringComparison.Ordinal);
        Assert.Contains("\nMax-Forwards: 68\n", text, StringComparison.Ordinal);
        Assert.Contains("\nCSeq: 9 INVITE\n", text, StringComparison.Ordinal);
        Assert.Contains("\nVia: SIP/2.0/TCP spindle.example.com;branch=z9hG4bK9ikj8, SIP/2.0/UDP 192.168.255.111;branch=z9hG4bK30239\n", text, StringComparison.Ordinal);
        Assert.Contains("\nSubject: \n", text, StringComparison.Ordinal);
        Assert.EndsWith("body: 150 bytes\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Several_files_exit_non_zero_if_any_is_invalid_and_each_is_named()
    {
        using var output = new StringWriter();

        var exitCode = await SipLintCommand.RunAsync(
            [Rfc4475("zeromf"), Rfc4475("badvers")], SipParserLimits.Default, output, TextWriter.Null, CancellationToken.None);

        Assert.Equal(1, exitCode);
        Assert.Contains($"== {Rfc4475("zeromf")}\nOPTIONS sip:user@example.com SIP/2.0\n", output.ToString(), StringComparison.Ordinal);
        Assert.Contains($"== {Rfc4475("badvers")}\ninvalid: 505 ", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_file_exits_with_2()
    {
        using var error = new StringWriter();

        var exitCode = await SipLintCommand.RunAsync(["/nonexistent/message.sip"], SipParserLimits.Default, TextWriter.Null, error, CancellationToken.None);

        Assert.Equal(2, exitCode);
        Assert.Contains("cannot read", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_real_command_reads_standard_input_and_sets_the_exit_code()
    {
        using var temp = new TemporaryDirectory();

        var (valid, validOutput) = await SimpleactorsProcess.RunToEndAsync(
            SimpleactorsProcess.Start(temp.Path, "sip", "lint", "-"), await File.ReadAllBytesAsync(Rfc4475("zeromf")));
        var (invalid, invalidOutput) = await SimpleactorsProcess.RunToEndAsync(
            SimpleactorsProcess.Start(temp.Path, "sip", "lint", "-"), Encoding.ASCII.GetBytes("OPTIONS sip:a@b SIP/2.0  \r\n\r\n"));

        Assert.Equal(0, valid);
        Assert.StartsWith("OPTIONS sip:user@example.com SIP/2.0", validOutput, StringComparison.Ordinal);
        Assert.Equal(1, invalid);
        Assert.StartsWith("invalid: 400 ", invalidOutput, StringComparison.Ordinal);
    }
}
