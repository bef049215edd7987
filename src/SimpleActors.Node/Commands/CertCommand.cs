using System.CommandLine;
using SimpleActors.Node.Hosting;

namespace SimpleActors.Node.Commands;

/// <summary>
/// <c>simpleactors cert dev [--out FOLDER]</c>: makes a local certificate authority and a server certificate it signed
/// for localhost, 127.0.0.1 and ::1, for trying SIP over TLS and WSS on one machine (docs/operations.md, "Certificates").
/// The default folder, <c>data/certs</c>, is where a node with no configured certificate looks first.
/// </summary>
internal static class CertCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out")
        {
            Description = "The folder to write ca.pem, server.pem and server-key.pem to.",
            DefaultValueFactory = _ => Path.Combine("data", DevelopmentCertificate.Folder),
        };
        var force = new Option<bool>("--force") { Description = "Replace certificates already in the folder." };
        var dev = new Command("dev", "Make a local CA and a server certificate for 127.0.0.1 and localhost (for trying TLS and WSS).")
        {
            output,
            force,
        };
        dev.SetAction(parse =>
        {
            var folder = Path.GetFullPath(parse.GetValue(output)!);
            var console = parse.InvocationConfiguration.Output;
            if (DevelopmentCertificate.Exists(folder) && !parse.GetValue(force))
            {
                parse.InvocationConfiguration.Error.WriteLine($"{folder} already holds a server certificate; --force replaces it.");
                return 1;
            }

            DevelopmentCertificate.Create(folder, TimeProvider.System);
            console.WriteLine($"CA certificate:     {Path.Combine(folder, DevelopmentCertificate.CaFile)}   (trust this in a client)");
            console.WriteLine($"server certificate: {Path.Combine(folder, DevelopmentCertificate.CertificateFile)}");
            console.WriteLine($"server key:         {Path.Combine(folder, DevelopmentCertificate.KeyFile)}");
            console.WriteLine("A node whose Sip:Tls:CertificateFile is empty uses these when they are in its data directory's certs folder;");
            console.WriteLine($"elsewhere: --Sip:Tls:CertificateFile={Path.Combine(folder, DevelopmentCertificate.CertificateFile)} --Sip:Tls:KeyFile={Path.Combine(folder, DevelopmentCertificate.KeyFile)}");
            return 0;
        });

        return new Command("cert", "TLS certificates.") { dev };
    }
}
