#!/usr/bin/env pwsh
# SimpleActors build script (PowerShell 7). Run it through the pinned tool:
#
#   dotnet tool restore
#   dotnet pwsh ./build.ps1 <target> [arguments passed through]
#
# Targets:
#   build   Release build of SimpleActors.sln
#   test    installs and starts what the tests need (root), then dotnet test of the solution; lists the skipped tests
#           with their reasons and ends with the line "N passed, M failed, K skipped"
#   bench   BenchmarkDotNet in Release, e.g. dotnet pwsh ./build.ps1 bench --filter '*'
#   load    the SIPp load suite (tests/load/bench.py), e.g. dotnet pwsh ./build.ps1 load --target both
#   run     simpleactors run, e.g. dotnet pwsh ./build.ps1 run --Cluster:Port=4054
#   cluster-up, cluster-down   a three-node loopback cluster on PostgreSQL (config/cluster/)
#
# Exits non-zero when a step fails (and, for test, when a test failed or none ran).

param([string]$Target = 'build')

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$PSNativeCommandUseErrorActionPreference = $false

$Root = $PSScriptRoot
$Solution = Join-Path $Root 'SimpleActors.sln'

# PowerShell splits "--Section:Key=value" at the colon when it binds script arguments, so the
# arguments are read from the process command line, after this script's path, where they are
# exactly as typed. Invoked from inside a PowerShell session, $args is the fallback.
function Get-ScriptArguments {
    $raw = [Environment]::GetCommandLineArgs()
    for ($i = 0; $i -lt $raw.Length; $i++) {
        $candidate = $raw[$i]
        if ((Test-Path -LiteralPath $candidate -PathType Leaf) -and
            ((Resolve-Path -LiteralPath $candidate).Path -eq $PSCommandPath)) {
            return , @($raw | Select-Object -Skip ($i + 1))
        }
    }
    return $null
}

$commandLine = Get-ScriptArguments
if ($null -ne $commandLine) {
    $Target = if ($commandLine.Length -gt 0) { $commandLine[0] } else { 'build' }
    $Rest = @($commandLine | Select-Object -Skip 1)
} else {
    $Rest = @($args)
}

# Runs dotnet with its output going straight to the console; the exit code is in $LASTEXITCODE.
# (Functions here return nothing: anything a native command prints would become a return value.)
function Invoke-Dotnet {
    param([string[]]$Arguments)
    Write-Host "> dotnet $($Arguments -join ' ')"
    # Started directly rather than with PowerShell's call operator: on Unix that expands wildcards
    # in arguments (bench --filter '*' would become the names of the files here).
    $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($argument in $Arguments) { $start.ArgumentList.Add($argument) }
    $start.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($start)
    $process.WaitForExit()
    $global:LASTEXITCODE = $process.ExitCode
}

function Invoke-Build {
    Invoke-Dotnet (@('build', $Solution, '-c', 'Release') + $Rest)
    $script:ExitCode = $LASTEXITCODE
    if ($script:ExitCode -ne 0) { Write-Host "build failed ($script:ExitCode)" }
}

# The system packages (Debian names) the tests and the load suite need: one list, one row per package. A package with a
# Command counts as present when that command is on the PATH, any other when dpkg has it installed. `test` and `load`
# install what is missing when they run as root with apt-get; elsewhere they say what is missing and how to get it.
$TestPackages = @(
    [pscustomobject]@{ Package = 'sip-tester'; Command = 'sipp'; For = 'the SIPp scenario tests and the load suite' }
    [pscustomobject]@{ Package = 'postgresql'; Command = 'pg_ctlcluster'; For = 'the PostgreSQL journal tests and the multi-process cluster tests' }
    [pscustomobject]@{ Package = 'python3'; Command = 'python3'; For = 'the load suite runner (tests/load/bench.py)' }
    [pscustomobject]@{ Package = 'kamailio'; Command = $null; For = 'the load suite''s peer (tests/load/peers/kamailio)' }
    [pscustomobject]@{ Package = 'kamailio-presence-modules'; Command = $null; For = 'the load suite''s peer' }
    [pscustomobject]@{ Package = 'kamailio-xml-modules'; Command = $null; For = 'the load suite''s peer' }
    [pscustomobject]@{ Package = 'kamailio-sqlite-modules'; Command = $null; For = 'the load suite''s peer' }
    [pscustomobject]@{ Package = 'sipsak'; Command = 'sipsak'; For = 'the real-client tests (RealClients) and the load suite''s OPTIONS probe of Kamailio' }
    [pscustomobject]@{ Package = 'baresip-core'; Command = 'baresip'; For = 'the real-client tests (RealClients)' }
    [pscustomobject]@{ Package = 'nodejs'; Command = 'node'; For = 'the npm sip package client of the real-client tests (tests/clients/npm-sip)' }
    [pscustomobject]@{ Package = 'npm'; Command = 'npm'; For = 'installing the npm clients'' packages (npm ci)' }
    [pscustomobject]@{ Package = 'chromium'; Command = 'chromium'; For = 'the browser SIP client of the real-client tests (JsSIP over WebSocket, tests/clients/browser-sip)' }
    [pscustomobject]@{ Package = 'openssl'; Command = 'openssl'; For = 'the TLS handshake tests (openssl s_client)' }
    [pscustomobject]@{ Package = 'curl'; Command = 'curl'; For = 'the XCAP tests with a real HTTP client (curl --digest) and the HTTP digest tests' }
    [pscustomobject]@{ Package = 'liblinphone-dev'; Command = $null; For = 'the liblinphone resource-list watcher of the real-client tests (tests/clients/linphone-rls, built by its build.sh)' }
    [pscustomobject]@{ Package = 'gcc'; Command = 'gcc'; For = 'building the liblinphone resource-list watcher (tests/clients/linphone-rls)' }
    [pscustomobject]@{ Package = 'pkg-config'; Command = 'pkg-config'; For = 'building the liblinphone resource-list watcher (tests/clients/linphone-rls)' }
)

function Test-IsRoot { return (& id -u) -eq '0' }

function Test-PackagePresent([pscustomobject]$Row) {
    if ($Row.Command) { return [bool](Get-Command $Row.Command -ErrorAction SilentlyContinue) }
    if (-not (Get-Command dpkg-query -ErrorAction SilentlyContinue)) { return $false }
    $status = & dpkg-query -W -f '${Status}' $Row.Package 2>$null
    return $LASTEXITCODE -eq 0 -and "$status" -match 'install ok installed'
}

# Installs the missing packages of $TestPackages (root with apt-get), or says which are missing and how to get them;
# then the npm packages of the real-client tests.
function Install-TestTools {
    Install-TestPackages
    # The npm packages of tests/clients/npm-sip (the sip package) and tests/clients/browser-sip (JsSIP and playwright-core,
    # which drives the system's chromium and downloads no browser); each test runs npm ci itself when node_modules is missing.
    $env:PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = '1'
    foreach ($name in 'npm-sip', 'browser-sip') {
        $npmClient = Join-Path $PSScriptRoot "tests/clients/$name"
        if ((Get-Command npm -ErrorAction SilentlyContinue) -and -not (Test-Path (Join-Path $npmClient 'node_modules'))) {
            Write-Host "> npm ci (tests/clients/$name)"
            & npm ci --prefix $npmClient --no-audit --no-fund | Out-Host
        }
    }
}

function Install-TestPackages {
    $missing = @($TestPackages | Where-Object { -not (Test-PackagePresent $_) })
    if ($missing.Count -eq 0) { return }
    $names = @($missing | ForEach-Object Package)
    if ((Test-IsRoot) -and (Get-Command apt-get -ErrorAction SilentlyContinue)) {
        Write-Host "> apt-get install -y $($names -join ' ')"
        & apt-get update -qq | Out-Host
        $env:DEBIAN_FRONTEND = 'noninteractive'
        & apt-get install -y -qq --no-install-recommends @names | Out-Host
        if ($LASTEXITCODE -eq 0) { return }
        Write-Host "apt-get install failed ($LASTEXITCODE)"
    }
    Write-Host 'Missing system packages:'
    foreach ($row in $missing) { Write-Host "  $($row.Package): $($row.For)" }
    Write-Host "Install them with: sudo apt-get install -y $($names -join ' ')   (or run this target as root: it installs them)."
    Write-Host 'Until then the tests that need them are reported skipped.'
}

# The PostgreSQL server of the journal and cluster tests, named to them by SIMPLEACTORS_TEST_POSTGRES (a connection
# string whose user may create databases). A value the caller set is used as it is. As root, the local Debian cluster
# is started and given the role simpleactors (CREATEDB) and max_connections >= 300: test suites run in parallel and
# several start node processes with their own pools. Elsewhere the same role on 127.0.0.1 is used when it answers.
$TestPostgresConnection = 'Host=127.0.0.1;Username=simpleactors;Password=simpleactors;Database=postgres'

function Initialize-TestPostgres {
    if ($env:SIMPLEACTORS_TEST_POSTGRES) {
        Write-Host 'PostgreSQL for the tests: SIMPLEACTORS_TEST_POSTGRES as given'
        return
    }
    if ((Test-IsRoot) -and (Get-Command pg_lsclusters -ErrorAction SilentlyContinue) -and (Get-Command runuser -ErrorAction SilentlyContinue)) {
        $cluster = @(& pg_lsclusters --no-header | Select-Object -First 1)
        if ($cluster.Count -eq 1 -and $cluster[0]) {
            $version, $name, $status = ($cluster[0].Trim() -split '\s+')[0, 1, 3]
            if ($status -ne 'online') { & pg_ctlcluster $version $name start | Out-Host }
            # A role made earlier without CREATEDB (config/cluster/cluster.sh makes one) gets it too.
            $role = 'DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = ''simpleactors'') THEN ' +
                'CREATE ROLE simpleactors LOGIN CREATEDB PASSWORD ''simpleactors''; ' +
                'ELSE ALTER ROLE simpleactors LOGIN CREATEDB; END IF; END $$;'
            & runuser -u postgres -- psql -q -v ON_ERROR_STOP=1 -c $role | Out-Host
            $connections = "$(& runuser -u postgres -- psql -tAc 'SHOW max_connections')".Trim()
            if ($connections -match '^\d+$' -and [int]$connections -lt 300) {
                & runuser -u postgres -- psql -qc 'ALTER SYSTEM SET max_connections = 300' | Out-Host
                & pg_ctlcluster $version $name restart | Out-Host
            }
            Write-Host "PostgreSQL for the tests: cluster $version/$name on 127.0.0.1, role simpleactors"
            $env:SIMPLEACTORS_TEST_POSTGRES = $TestPostgresConnection
            return
        }
    }
    if (Get-Command psql -ErrorAction SilentlyContinue) {
        & psql 'host=127.0.0.1 user=simpleactors password=simpleactors dbname=postgres connect_timeout=5' -tAc 'SELECT 1' 2>$null | Out-Null
        if ($LASTEXITCODE -eq 0) {
            Write-Host 'PostgreSQL for the tests: role simpleactors on 127.0.0.1'
            $env:SIMPLEACTORS_TEST_POSTGRES = $TestPostgresConnection
            return
        }
    }
    Write-Host 'No PostgreSQL server for the tests: the PostgreSQL journal and cluster tests will be reported skipped.'
    Write-Host '  Run this target as root (it installs, starts and prepares the local server), or set'
    Write-Host "  SIMPLEACTORS_TEST_POSTGRES to a connection string whose user may create databases, e.g. '$TestPostgresConnection'."
}

# Sums the trx files: passed, failed (errors, time-outs and aborts included), skipped (not executed or inconclusive,
# each listed with its reason).
function Read-TestResults([System.IO.FileInfo[]]$Files) {
    $summary = [pscustomobject]@{ Passed = 0; Failed = 0; Skipped = 0
        SkippedTests = [System.Collections.Generic.List[string]]::new(); FailedTests = [System.Collections.Generic.List[string]]::new() }
    foreach ($file in $Files) {
        [xml]$document = Get-Content -LiteralPath $file.FullName -Raw
        $counters = $document.TestRun.ResultSummary.Counters
        $summary.Passed += [int]$counters.passed
        $summary.Failed += [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
        $counted = [int]$counters.notExecuted + [int]$counters.inconclusive
        # xUnit's skipped tests are results with outcome NotExecuted, but the notExecuted counter stays 0: count both ways.
        $listed = 0
        foreach ($result in $document.TestRun.SelectNodes("//*[local-name()='UnitTestResult']")) {
            if ($result.outcome -in 'Failed', 'Error', 'Timeout', 'Aborted') {
                # The name and the first line of the message, so that a log's tail says which test failed.
                $message = $result.SelectSingleNode(".//*[local-name()='ErrorInfo']/*[local-name()='Message']")
                $first = if ($message) { ($message.InnerText.Trim() -split "`n")[0].Trim() } else { 'no message' }
                if ($first.Length -gt 300) { $first = $first.Substring(0, 300) + '...' }
                $summary.FailedTests.Add("$($result.testName): $first")
                continue
            }
            if ($result.outcome -notin 'NotExecuted', 'Inconclusive') { continue }
            $listed++
            $reason = $result.SelectSingleNode(".//*[local-name()='ErrorInfo']/*[local-name()='Message']")
            $summary.SkippedTests.Add("$($result.testName): $(if ($reason) { $reason.InnerText.Trim() } else { 'no reason given' })")
        }
        $summary.Skipped += [Math]::Max($counted, $listed)
    }
    return $summary
}

function Invoke-Test {
    Install-TestTools
    Initialize-TestPostgres
    $results = Join-Path $Root 'TestResults' (Get-Date -Format 'yyyyMMdd-HHmmss')
    Invoke-Dotnet (@('test', $Solution, '-c', 'Release', '--logger', 'trx',
            '--logger', 'console;verbosity=normal', '--results-directory', $results) + $Rest)
    $code = $LASTEXITCODE

    $trx = @(Get-ChildItem -Path $results -Filter '*.trx' -Recurse -ErrorAction SilentlyContinue)
    $summary = Read-TestResults $trx
    $failed = $summary.Failed
    if ($code -ne 0 -and $failed -eq 0) {
        # The build or a test host failed before any result was written; count it as a failure.
        Write-Host "dotnet test failed ($code) with no failed test in $($trx.Count) result file(s)"
        $failed = 1
    }
    if ($summary.Passed -eq 0 -and $failed -eq 0) {
        Write-Host 'no test ran'
    }
    if ($summary.FailedTests.Count -gt 0) {
        Write-Host "failed ($($summary.FailedTests.Count)):"
        foreach ($line in $summary.FailedTests) { Write-Host "  $line" }
    }
    if ($summary.SkippedTests.Count -gt 0) {
        Write-Host "skipped ($($summary.SkippedTests.Count)):"
        foreach ($line in $summary.SkippedTests) { Write-Host "  $line" }
    }
    Write-Host "$($summary.Passed) passed, $failed failed, $($summary.Skipped) skipped"
    $script:ExitCode = if ($failed -gt 0 -or $summary.Passed -eq 0) { 1 } else { 0 }
}

function Invoke-Bench {
    $project = Join-Path $Root 'tests' 'SimpleActors.Benchmarks'
    Invoke-Dotnet (@('run', '-c', 'Release', '--project', $project, '--') + $Rest)
    $script:ExitCode = $LASTEXITCODE
}

function Invoke-Load {
    Install-TestTools
    $runner = Join-Path $Root 'tests' 'load' 'bench.py'
    Write-Host "> python3 $runner $($Rest -join ' ')"
    & python3 $runner @Rest
    $script:ExitCode = $LASTEXITCODE
}

function Invoke-Cluster([string]$Action) {
    # A three-node loopback cluster on PostgreSQL (config/cluster/): SIP on 127.0.0.1:5060/5062/5064, admin HTTP on
    # 127.0.0.1:8081/8082/8083.
    $script = Join-Path $Root 'config' 'cluster' 'cluster.sh'
    & bash $script $Action
    $script:ExitCode = $LASTEXITCODE
}

function Invoke-Run {
    $project = Join-Path $Root 'src' 'SimpleActors.Node'
    # Not through Invoke-Dotnet: the server keeps the console, so Ctrl+C reaches it directly and
    # this script waits for its graceful stop.
    $arguments = @('run', '-c', 'Release', '--project', $project, '--', 'run') + $Rest
    Write-Host "> dotnet $($arguments -join ' ')"
    & dotnet @arguments
    $script:ExitCode = $LASTEXITCODE
}

$script:ExitCode = 0
switch ($Target) {
    'build' { Invoke-Build }
    'test' { Invoke-Test }
    'bench' { Invoke-Bench }
    'load' { Invoke-Load }
    'run' { Invoke-Run }
    'cluster-up' { Invoke-Cluster 'up' }
    'cluster-down' { Invoke-Cluster 'down' }
    default {
        Write-Host "unknown target '$Target'; targets: build, test, bench, load, run"
        $script:ExitCode = 2
    }
}
exit $script:ExitCode
