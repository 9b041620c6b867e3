import { Option, type Command } from 'commander';

const EXIT_INVALID = 1;
const EXIT_USAGE = 2;

/**
 * `faturador einvoice validate FILE [--profile …]`: the same validation as POST /v1/einvoices/validate, on a file,
 * with no server or database. Prints the result as JSON; exits 0 when valid, 1 when not (or when the file is not
 * an e-invoice at all), 2 on bad arguments (no such file, a profile the syntax has no rules for).
 */
export function addEinvoiceCommands(program: Command): void {
  const einvoice = program.command('einvoice').description('EN 16931 e-invoices (UBL 2.1, CII D16B)');
  einvoice
    .command('validate')
    .description(
      'validate an e-invoice file against its XSD and the EN 16931 rules, plus Peppol BIS 3.0 or CIUS-PT when its ' +
        'CustomizationID names them or --profile asks; prints the result (exit 0 valid, 1 invalid, 2 bad arguments)',
    )
    .argument('<file>', 'the UBL or CII XML file')
    .addOption(
      new Option('--profile <profile>', 'the rules to run besides EN 16931 (en16931: EN 16931 alone)').choices([
        'peppol',
        'cius-pt',
        'en16931',
      ]),
    )
    .action(async (file: string, o: { profile?: 'peppol' | 'cius-pt' | 'en16931' }) => {
      const [{ readFileSync }, v] = await Promise.all([
        import('node:fs'),
        import('../exports/einvoice/validate/index.js'),
      ]);
      let xml: string;
      try {
        xml = readFileSync(file, 'utf8');
      } catch (err) {
        console.error(`error: cannot read ${file}: ${(err as Error).message}`);
        process.exitCode = EXIT_USAGE;
        return;
      }
      try {
        const result = await v.validateEinvoice(xml, { profiles: o.profile ? [o.profile] : undefined });
        console.log(JSON.stringify(result, null, 2));
        if (!result.valid) process.exitCode = EXIT_INVALID;
      } catch (err) {
        if (!(err instanceof v.EinvoiceInputError)) throw err;
        console.error(`error: ${err.message}`);
        process.exitCode = err.reason === 'profile_syntax' ? EXIT_USAGE : EXIT_INVALID;
      } finally {
        await v.closeEinvoiceValidation();
      }
    });
}
