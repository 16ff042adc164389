// The office app tells the first screen (office-shell.tsx) that it has drawn the workbench,
// so that it can take the first screen's place without a blank moment.

let drawn = () => {};
export const officeDrawn = new Promise<void>((resolve) => {
  drawn = resolve;
});
export const markOfficeDrawn = () => drawn();
