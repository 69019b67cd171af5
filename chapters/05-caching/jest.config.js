module.exports = require('@course/jest-preset').chapterConfig(__dirname);
