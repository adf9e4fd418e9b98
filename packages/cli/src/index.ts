/** @packageDocumentation quantkit command line and the showcase (npm start) */
export {};
